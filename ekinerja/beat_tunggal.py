"""One beat for the whole installation, even when a second one is started by mistake.

Compose has exactly one ``beat`` service (``deploy.replicas: 1``; never ``--scale`` it), but a
second beat can still appear: a second server started with the same compose file, a manual
``celery beat`` while debugging.  Two beats send every scheduled task twice.  So a beat takes
a lock in the broker's Redis before it schedules anything (``beat_init``):

- ``SET ekinerja:beat:tunggal <token> NX EX 60`` — the first beat holds it and renews it every
  15 seconds from a thread;
- a second beat finds it held, logs a warning naming the holder and **waits** as a standby,
  trying again every few seconds: when the first one stops (it deletes the lock on exit) or
  dies (the lock expires after 60 s), the standby takes over;
- a beat that finds its lock taken by another (its Redis was away longer than the lock's life
  and a standby took over) exits, so that there is never two; its container restarts as the
  standby.

Only with a Redis broker; the filesystem broker of ``make run`` runs one process anyway.
Off with ``EKINERJA_BEAT_TUNGGAL=0``.  docs/operasi.md, "Antrean per jenis tugas".
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import socket
import threading
import time
import uuid
from urllib.parse import urlparse

from celery.signals import beat_init

logger = logging.getLogger("ekinerja.beat")

KUNCI = "ekinerja:beat:tunggal"
UMUR_DETIK = 60
PERPANJANG_DETIK = 15
COBA_LAGI_DETIK = 3

# Renew only when the lock is still ours; take it again when it expired meanwhile.
_PERPANJANG = """
local pemilik = redis.call('GET', KEYS[1])
if pemilik == ARGV[1] or not pemilik then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', tonumber(ARGV[2]))
  return 1
end
return 0
"""
_LEPAS = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def klien_redis(url: str):
    """A redis-py client for a Celery broker URL, or None when the broker is not Redis."""
    import redis

    bagian = urlparse(url)
    if bagian.scheme in ("redis", "rediss"):
        return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    if bagian.scheme == "redis+socket":
        return redis.Redis(unix_socket_path=bagian.path, socket_connect_timeout=2, socket_timeout=5)
    return None


def _aktif() -> bool:
    return os.environ.get("EKINERJA_BEAT_TUNGGAL", "1").strip().lower() not in {"0", "false", "no"}


def ambil_kunci(klien, token: str, berhenti: threading.Event | None = None) -> bool:
    """Wait until this beat holds the lock (True), or ``berhenti`` is set (False)."""
    import redis

    sudah_lapor = False
    while berhenti is None or not berhenti.is_set():
        try:
            if klien.set(KUNCI, token, nx=True, ex=UMUR_DETIK):
                logger.info("Kunci beat diambil (%s): beat ini yang menjadwalkan.", token)
                return True
            if not sudah_lapor:
                pemilik = klien.get(KUNCI)
                logger.warning(
                    "Beat lain sedang berjalan (%s); beat ini (%s) menunggu sebagai cadangan.",
                    pemilik.decode() if pemilik else "?",
                    token,
                )
                sudah_lapor = True
        except redis.RedisError as galat:
            logger.warning("Redis tidak terjangkau untuk kunci beat, mencoba lagi: %s", galat)
        time.sleep(COBA_LAGI_DETIK)
    return False


def _perpanjang_terus(klien, token: str) -> None:
    import redis

    perpanjang = klien.register_script(_PERPANJANG)
    while True:
        time.sleep(PERPANJANG_DETIK)
        try:
            milik_sendiri = perpanjang(keys=[KUNCI], args=[token, UMUR_DETIK])
        except redis.RedisError:
            continue  # the broker is away: this beat cannot send anything either
        if not milik_sendiri:
            logger.error("Kunci beat dipegang beat lain; beat ini berhenti agar tidak ada dua.")
            os._exit(1)


def _lepas(klien, token: str) -> None:
    with contextlib.suppress(Exception):  # at exit: the lock expires by itself anyway
        klien.register_script(_LEPAS)(keys=[KUNCI], args=[token])


@beat_init.connect(weak=False)
def _sebelum_beat(sender=None, **kwargs) -> None:
    if not _aktif() or sender is None:
        return
    klien = klien_redis(sender.app.conf.broker_url or "")
    if klien is None:
        return
    token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    ambil_kunci(klien, token)
    atexit.register(_lepas, klien, token)
    threading.Thread(
        target=_perpanjang_terus, args=(klien, token), name="kunci-beat", daemon=True
    ).start()
