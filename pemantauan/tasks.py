"""Celery tasks: thin wrappers over :mod:`pemantauan.services` (idempotent, safe to retry)."""

from __future__ import annotations

from celery import shared_task

from skp.services import penyusunan as skp_services

from . import services


@shared_task(name="pemantauan.perbarui_ringkasan")
def perbarui_ringkasan() -> dict[str, int]:
    return services.perbarui_ringkasan()


@shared_task(name="pemantauan.bangun_ringkasan")
def bangun_ringkasan() -> int:
    """The nightly full rebuild of the running year (follows unit moves and retirements)."""
    hari_ini = skp_services.hari_ini()
    return services.bangun_ringkasan(hari_ini.year, hari_ini=hari_ini)
