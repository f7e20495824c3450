"""Celery tasks of the sinkron app: thin wrappers over services."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="sinkron.ambil_siasn", acks_late=True, soft_time_limit=1800, time_limit=1900)
def ambil_siasn() -> int:
    """Nightly: fetch every scheduled SIASN source into a batch waiting for approval."""
    from sinkron.services.sumber import ambil_terjadwal

    return ambil_terjadwal()
