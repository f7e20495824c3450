"""``GET /healthz``: is the database reachable, is the broker reachable."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _cek_database() -> dict:
    mulai = time.perf_counter()
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
            cur.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        return {"ok": False, "engine": connection.vendor, "error": type(exc).__name__}
    return {
        "ok": True,
        "engine": connection.vendor,
        "ms": round((time.perf_counter() - mulai) * 1000, 1),
    }


def _cek_broker() -> dict:
    from ekinerja.celery import app

    url = settings.CELERY_BROKER_URL
    jenis = url.split("://", 1)[0]
    mulai = time.perf_counter()
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, timeout=2)
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "transport": jenis, "error": type(exc).__name__}
    return {"ok": True, "transport": jenis, "ms": round((time.perf_counter() - mulai) * 1000, 1)}


@never_cache
@require_GET
def healthz(request):
    hasil = {"database": _cek_database(), "broker": _cek_broker()}
    ok = all(part["ok"] for part in hasil.values())
    return JsonResponse({"status": "ok" if ok else "gagal", **hasil}, status=200 if ok else 503)
