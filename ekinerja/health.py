"""Liveness and readiness, separately (issue 22).

- ``GET /healthz`` — alive: the process answers.  Touches nothing else, so a slow database
  never gets a web process restarted.
- ``GET /readyz`` — ready: the database answers within ``EKINERJA_READYZ_DB_DETIK``.  Only
  the database decides the status (200 / 503): the web serves everyone without Redis
  (the cache reads as a miss, queued work waits in the outbox), so a load balancer must not
  take every web node away because the broker or the worker is down.  The body also tells
  the broker's state with its queue lengths, the workers that answer a ping and beat's last
  tick, and whether the activity table's partitions are ready with an empty default
  partition (issue 13) — the same report as the admin status page (:mod:`ekinerja.status`).
"""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.db import connection, connections
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import antrean as _antrean

# The queues whose length is reported: every queue of ekinerja/antrean.py.
ANTREAN = _antrean.SEMUA


def _batas_db() -> float:
    return float(getattr(settings, "EKINERJA_READYZ_DB_DETIK", 2))


def _select_1() -> None:
    with connection.cursor() as cur:
        cur.execute("SELECT 1")
        cur.fetchone()


def _cek_database() -> dict:
    """``SELECT 1`` in a thread of its own (its own connection), given up after the bound:
    a database that hangs (not only one that refuses) makes the node not ready in time."""
    hasil: dict = {}
    mulai = time.perf_counter()

    def periksa():
        try:
            _select_1()
        except Exception as exc:  # noqa: BLE001 - any failure means "down"
            hasil["error"] = type(exc).__name__
        finally:
            connections.close_all()  # this thread's connection only

    utas = threading.Thread(target=periksa, name="readyz-db", daemon=True)
    utas.start()
    utas.join(_batas_db())
    if utas.is_alive():
        hasil["error"] = "Timeout"
    if "error" in hasil:
        return {"ok": False, "engine": connection.vendor, "error": hasil["error"]}
    return {
        "ok": True,
        "engine": connection.vendor,
        "ms": round((time.perf_counter() - mulai) * 1000, 1),
    }


def _cek_broker() -> dict:
    """Reachable or not, the queue lengths and the messages taken but not acknowledged."""
    from ekinerja.celery import app

    jenis = settings.CELERY_BROKER_URL.split("://", 1)[0]
    mulai = time.perf_counter()
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, timeout=2)
            kanal = conn.default_channel
            antrean = {nama: int(kanal._size(nama)) for nama in ANTREAN}
            hasil = {
                "ok": True,
                "transport": jenis,
                "ms": round((time.perf_counter() - mulai) * 1000, 1),
                "antrean": antrean,
            }
            klien = getattr(kanal, "client", None)
            if jenis.startswith("redis") and klien is not None:
                hasil["belum_dikonfirmasi"] = int(klien.hlen(kanal.unacked_key))
            return hasil
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        return {"ok": False, "transport": jenis, "error": type(exc).__name__}


def _cek_worker(broker_ok: bool, batas: float) -> dict:
    """The workers answering a ping within ``batas`` seconds (none is a state, not a fault
    of this node)."""
    from ekinerja.celery import app

    if app.conf.task_always_eager:
        return {"ok": True, "mode": "eager", "nama": []}
    if not broker_ok:
        return {"ok": False, "nama": [], "error": "broker"}
    try:
        jawaban = app.control.inspect(timeout=batas).ping() or {}
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "nama": [], "error": type(exc).__name__}
    return {"ok": bool(jawaban), "nama": sorted(jawaban)}


def _cek_beat() -> dict:
    """Beat's last tick: the sweep it sends every few seconds, as run by a worker."""
    from ekinerja.tasks import DETAK_BEAT
    from pegawai.services.antrean import detak_terakhir, jumlah_tertunda

    try:
        waktu = detak_terakhir(DETAK_BEAT)
        tertunda = jumlah_tertunda()
    except Exception as exc:  # noqa: BLE001 - the database check reports the cause
        return {"ok": False, "error": type(exc).__name__}
    jeda = settings.EKINERJA_SAPU_DETIK
    if waktu is None:
        return {"ok": False, "detak_terakhir": None, "tugas_tertunda": tertunda}
    umur = (timezone.now() - waktu).total_seconds()
    return {
        # A sweep may wait behind a long task: late by a minute is still "running".
        "ok": umur <= max(60, 6 * jeda),
        "detak_terakhir": waktu.isoformat(),
        "umur_detik": round(umur, 1),
        "tugas_tertunda": tertunda,
    }


def _cek_partisi() -> dict:
    """The activity table's monthly partitions (issue 13): the default partition holds no
    row and three months are ready ahead; ``ok`` is true on a plain table (SQLite)."""
    from aktivitas.services.partisi import keadaan_partisi

    try:
        k = keadaan_partisi()
    except Exception as exc:  # noqa: BLE001 - the database check reports the cause
        return {"ok": False, "error": type(exc).__name__}
    if not k.berpartisi:
        return {"ok": True, "berpartisi": False}
    return {
        "ok": k.ok,
        "berpartisi": True,
        "tabel": k.tabel,
        "jumlah": len(k.bulan),
        "bulan_pertama": f"{k.bulan[0]:%Y-%m}" if k.bulan else None,
        "bulan_terakhir": f"{k.bulan[-1]:%Y-%m}" if k.bulan else None,
        "bulan_di_muka": k.bulan_di_muka,
        "baris_default": k.baris_default,
    }


def laporan(batas_ping: float = 0.5) -> dict:
    """Everything /readyz and the status page tell; ``status`` follows the database only."""
    database = _cek_database()
    broker = _cek_broker()
    hasil = {
        "database": database,
        "broker": broker,
        "worker": _cek_worker(broker["ok"], batas_ping),
        "beat": _cek_beat() if database["ok"] else {"ok": False, "error": "database"},
        "partisi": _cek_partisi() if database["ok"] else {"ok": False, "error": "database"},
        "waktu": timezone.now().isoformat(),
    }
    return {"status": "ok" if database["ok"] else "gagal", **hasil}


@never_cache
@require_safe
def healthz(request):
    """Alive: this process answers (no database, no broker)."""
    return JsonResponse({"status": "ok", "waktu": timezone.now().isoformat()})


@never_cache
@require_safe
def readyz(request):
    data = laporan()
    return JsonResponse(data, status=200 if data["status"] == "ok" else 503)
