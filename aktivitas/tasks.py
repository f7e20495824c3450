"""Celery tasks of the aktivitas app: thin, idempotent wrappers over services."""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def perbarui_penilai(jabatan_id: int, mulai_iso: str) -> int:
    from aktivitas.services.harian import perbarui_penilai_tertunda

    return perbarui_penilai_tertunda(jabatan_id, dt.date.fromisoformat(mulai_iso))


def saat_penugasan_berubah(jabatan_id: int, mulai: dt.date, selesai: dt.date | None) -> None:
    """A definitif/Plt/Plh assignment changed: re-route pending reviews below that jabatan.
    (After commit; a broker outage must not break the admin's request — the queue then keeps
    the old routing until the next change, and the service still checks rights on action.)"""
    try:
        perbarui_penilai.delay(jabatan_id, mulai.isoformat())
    except OperationalError:
        logger.warning(
            "Broker tidak tersedia; penilai aktivitas di bawah jabatan %s belum diperbarui.",
            jabatan_id,
        )
