"""Start a real ``celery worker`` subprocess on Redis (db 14) against the test database.

Same approach as tests/skp/test_dokumen_oleh_worker_celery.py; the worker uses
tests/notifikasi/settings_worker.py (file-based test e-mail backend in ``surel_dir``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from kombu import pools

from ekinerja.celery import app

AKAR = Path(__file__).resolve().parents[2]
REDIS = os.environ.get("REDIS_URL", "")
WAJIB = os.environ.get("EKINERJA_WAJIB_LAYANAN_NYATA") == "1"
BROKER_MATI = "redis://127.0.0.1:1/0"

perlu_layanan_nyata = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not WAJIB and (not REDIS or connection.vendor != "postgresql"),
        reason="perlu PostgreSQL dan Redis (REDIS_URL); CI menjalankannya",
    ),
]


def nomor_db_redis(dasar: int) -> int:
    """A Redis db of its own per test module (``dasar``) and per xdist worker: two worker
    subprocesses on one queue would take each other's tasks (and databases)."""
    indeks = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    return dasar - 2 * indeks


def redis_khusus() -> str:
    return REDIS.rsplit("/", 1)[0] + f"/{nomor_db_redis(13)}"


def lepas_koneksi() -> None:
    """Drop the app's pooled broker connections so the next send uses the current URL."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    pools.reset()  # kombu's global producer pools keyed by connection (closed ones included)


def arahkan_broker(url: str) -> None:
    lepas_koneksi()
    app.conf.broker_url = url


def pulihkan_broker() -> None:
    """Drop the override again: the app reads the broker URL from the settings afterwards
    (other tests, e.g. tests/test_healthz.py, patch the settings)."""
    lepas_koneksi()
    for kunci in ("broker_url", "task_always_eager"):
        app.conf.changes.pop(kunci, None)


def jalankan_worker(surel_dir: Path) -> subprocess.Popen:
    import redis

    broker = redis_khusus()
    redis.Redis.from_url(broker).flushdb()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifikasi.settings_worker",
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EKINERJA_UJI_SUREL_DIR": str(surel_dir),
        "DATABASE_URL": "postgres://{}@{}:{}/{}".format(
            db["USER"], db["HOST"] or "127.0.0.1", db["PORT"] or 5432, db["NAME"]
        ),
    }
    return subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "ekinerja",
            "worker",
            "--pool",
            "solo",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            # No -Q: every queue (settings.CELERY_TASK_QUEUES), as `make run` starts it — the
            # reminders have their own queue since issue 13.
            "-l",
            "INFO",
        ],
        cwd=AKAR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def hentikan(proses: subprocess.Popen) -> str:
    proses.terminate()
    try:
        return proses.communicate(timeout=20)[0].decode(errors="replace")
    except subprocess.TimeoutExpired:
        proses.kill()
        return ""


@pytest.fixture
def worker(tmp_path, settings):
    surel = tmp_path / "surel"
    surel.mkdir()
    proses = jalankan_worker(surel)
    arahkan_broker(redis_khusus())
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    proses.surel_dir = surel
    try:
        yield proses
    finally:
        pulihkan_broker()
        keluaran = hentikan(proses)
        if keluaran.strip():
            print("--- keluaran worker ---\n" + keluaran[-6000:])
