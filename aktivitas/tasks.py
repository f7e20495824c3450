"""Celery tasks of the aktivitas app: thin, idempotent wrappers over services."""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def perbarui_penilai(jabatan_id: int, mulai_iso: str) -> int:
    from aktivitas.services.harian import perbarui_penilai_tertunda

    return perbarui_penilai_tertunda(jabatan_id, dt.date.fromisoformat(mulai_iso))


def saat_penugasan_berubah(jabatan_id: int, mulai: dt.date, selesai: dt.date | None) -> None:
    """A definitif/Plt/Plh assignment changed: re-route pending reviews below that jabatan.
    (After commit; a broker outage must not break the admin's request — the task waits in
    the outbox and the sweep sends it once the broker is back; until then the queue keeps
    the old routing, and the service still checks rights on action.)"""
    from pegawai.services.antrean import kirim_tugas

    kirim_tugas(perbarui_penilai, jabatan_id, mulai.isoformat())


@shared_task(name="aktivitas.siapkan_partisi", ignore_result=True)
def siapkan_partisi() -> list[str]:
    """Daily: the activity table's partitions of this month and the next ones (idempotent;
    a lock not granted within seconds fails the run, and the next day's run or the sweep's
    catch-up makes them — three months are kept ahead), then the partitioned table's own
    statistics, which autovacuum never gathers."""
    from aktivitas.services.partisi import analisis_partisi
    from aktivitas.services.partisi import siapkan_partisi as siapkan

    dibuat = [f"{b:%Y-%m}" for b in siapkan()]
    analisis_partisi()
    return dibuat
