"""Work that must reach the Celery worker even when the broker is away.

``kirim_tugas`` publishes a task; when the broker cannot be reached it keeps the task in the
database outbox (:class:`~pegawai.models.TugasTertunda`) instead of losing it, and the sweep
(``ekinerja.tasks.sapu``, every few seconds from beat) sends the outbox again once the broker
is back.  Every task sent this way is idempotent, so a task sent twice (the first publish
reached the broker but its answer did not) costs a little work and changes nothing.

``catat_detak`` records that a background process runs (the sweep's own tick), for /readyz
and the status page.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from pegawai.models import Detak, TugasTertunda

logger = logging.getLogger(__name__)

# Outbox rows sent per sweep: a long outage drains over a few sweeps, never in one burst.
KIRIM_PER_SAPU = 200


def kirim_tugas(tugas, *args) -> bool:
    """Publish ``tugas(*args)`` now (True), or keep it in the outbox when the broker is away
    (False).  Call it after commit (``transaction.on_commit``), with JSON-serialisable args."""
    try:
        tugas.apply_async(args=args)
    except OperationalError as exc:
        TugasTertunda.objects.create(nama=tugas.name, argumen=list(args))
        logger.warning(
            "Broker tidak tersedia (%s); tugas %s%s disimpan dan dikirim ulang nanti.",
            type(exc).__name__,
            tugas.name,
            tuple(args),
        )
        return False
    return True


def kirim_ulang_tertunda(app, batas: int = KIRIM_PER_SAPU) -> int:
    """Send the outbox again, oldest first; stop at the first refusal (the broker is still
    away).  Returns the number sent.  Rows taken by a concurrent sweep are skipped."""
    terkirim = 0
    with transaction.atomic():
        baris = list(
            TugasTertunda.objects.select_for_update(skip_locked=True).order_by("id")[:batas]
        )
        for t in baris:
            try:
                app.send_task(t.nama, args=t.argumen)
            except OperationalError:
                TugasTertunda.objects.filter(pk=t.pk).update(percobaan=t.percobaan + 1)
                break
            t.delete()
            terkirim += 1
    if terkirim:
        logger.info("%d tugas tertunda dikirim ulang.", terkirim)
    return terkirim


def jumlah_tertunda() -> int:
    return TugasTertunda.objects.count()


def catat_detak(nama: str, waktu: dt.datetime | None = None) -> dt.datetime | None:
    """Record ``nama``'s tick at ``waktu`` (now); return the tick before it (None: first)."""
    waktu = waktu or timezone.now()
    with transaction.atomic():
        baris = Detak.objects.select_for_update().filter(nama=nama).first()
        if baris is None:
            try:
                with transaction.atomic():
                    Detak.objects.create(nama=nama, waktu=waktu)
                return None
            except IntegrityError:  # a concurrent first tick
                baris = Detak.objects.select_for_update().get(nama=nama)
        sebelumnya = baris.waktu
        if waktu > sebelumnya:
            baris.waktu = waktu
            baris.save(update_fields=["waktu"])
        return sebelumnya


def detak_terakhir(nama: str) -> dt.datetime | None:
    return Detak.objects.filter(nama=nama).values_list("waktu", flat=True).first()
