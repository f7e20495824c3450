"""The project's own Celery tasks: the sweep that makes queued work survive a broker outage.

``sapu`` runs every ``EKINERJA_SAPU_DETIK`` seconds (beat, ``ekinerja/jadwal.py``):

- it records beat's tick (``Detak "beat"``: beat sent it, a worker ran it), shown by /readyz
  and the status page;
- it sends the outbox again (tasks whose publish failed while the broker was away:
  documents, re-routing of reviews — ``pegawai.services.antrean``);
- after a gap (the broker, the worker or beat was away: no tick for 1.5 periods) it sends
  at once the notification outbox tasks and every scheduled task that fell due during the
  gap (reminders; beat drops a run it could not publish).  All of them are idempotent.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import current_app, shared_task
from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

DETAK_BEAT = "beat"
NAMA_SAPU = "ekinerja.sapu"
# Cheap and idempotent: sent after every gap so that queued notifications go out at once.
SELALU_SUSUL = ("notifikasi.proses_riwayat", "notifikasi.kirim_email")


def jatuh_tempo_sejak(sejak: dt.datetime) -> list[str]:
    """The scheduled tasks (besides the sweep) that fell due after ``sejak``."""
    nama: list[str] = []
    for entri in settings.CELERY_BEAT_SCHEDULE.values():
        jadwal = entri["schedule"]
        # An interval (the sweep itself) runs again on its own within one period.
        if entri["task"] == NAMA_SAPU or not isinstance(jadwal, crontab):
            continue
        if jadwal.is_due(sejak).is_due:
            nama.append(entri["task"])
    return nama


@shared_task(name=NAMA_SAPU, ignore_result=True)
def sapu() -> dict[str, object]:
    from pegawai.services import antrean

    sekarang = timezone.now()
    sebelumnya = antrean.detak_terakhir(DETAK_BEAT)
    jeda = settings.EKINERJA_SAPU_DETIK
    susulan: list[str] = []
    if sebelumnya is None or sekarang - sebelumnya > dt.timedelta(seconds=1.5 * jeda):
        susulan = list(SELALU_SUSUL)
        if sebelumnya is not None:
            susulan += [n for n in jatuh_tempo_sejak(sebelumnya) if n not in susulan]
        for nama in susulan:
            current_app.send_task(nama)
        logger.info("Sapu setelah jeda sejak %s: dikirim %s.", sebelumnya, ", ".join(susulan))
    # The tick last: when a send above fails, the next sweep sees the same gap again.
    antrean.catat_detak(DETAK_BEAT, sekarang)
    terkirim = antrean.kirim_ulang_tertunda(current_app)
    return {"susulan": susulan, "tertunda_terkirim": terkirim}


@shared_task(name="ekinerja.bersihkan_percobaan_masuk", ignore_result=True)
def bersihkan_percobaan_masuk() -> int:
    from pegawai.services import masuk

    return masuk.bersihkan_percobaan()
