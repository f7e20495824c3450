"""Integration: a real Celery worker on the machine's Redis issues the signed SKP document
queued by ``tetapkan_skp`` — once, even when the task is queued twice.

Needs PostgreSQL (the worker process reads the same test database) and Redis; CI has both.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from ekinerja.celery import app
from inti import tanda_tangan
from skp.models import Dokumen
from skp.services import penyusunan as services
from skp.tasks import buat_dokumen_skp
from tests.skp.conftest import isi_skp

AKAR = Path(__file__).resolve().parents[2]
REDIS = os.environ.get("REDIS_URL", "")

# In CI the real services are mandatory: there this test never skips (it fails instead).
WAJIB = os.environ.get("EKINERJA_WAJIB_LAYANAN_NYATA") == "1"
pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not WAJIB and (not REDIS or connection.vendor != "postgresql"),
        reason="perlu PostgreSQL dan Redis (REDIS_URL); CI menjalankannya",
    ),
]


def _redis_khusus() -> str:
    # A database index of its own, so no other client's messages are in the way.
    from tests.notifikasi.worker_nyata import nomor_db_redis

    return REDIS.rsplit("/", 1)[0] + f"/{nomor_db_redis(14)}"


def _lepas_koneksi() -> None:
    """Drop the app's pooled broker connections so the next send uses the current URL."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def worker(tmp_path, settings):
    sertifikat = tanda_tangan.buat_sertifikat_demo(tmp_path / "ttd.p12", b"uji", "Kab. Uji")
    media = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    broker = _redis_khusus()
    import redis

    redis.Redis.from_url(broker).flushdb()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ekinerja.settings_test",
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DATABASE_URL": "postgres://{}@{}:{}/{}".format(
            db["USER"], db["HOST"] or "127.0.0.1", db["PORT"] or 5432, db["NAME"]
        ),
        "EKINERJA_TEST_MEDIA": str(media),
        "EKINERJA_SIGN_P12": str(sertifikat.p12),
        "EKINERJA_SIGN_P12_PASSWORD": "uji",
    }
    proses = subprocess.Popen(  # noqa: S603
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
            "-l",
            "WARNING",
        ],
        cwd=AKAR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    _lepas_koneksi()  # earlier tests may have pooled connections to another broker
    app.conf.broker_url, app.conf.task_always_eager = broker, False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.EKINERJA_SIGN_P12, settings.EKINERJA_SIGN_P12_PASSWORD = str(sertifikat.p12), "uji"
    try:
        yield proses
    finally:
        from tests.notifikasi.worker_nyata import pulihkan_broker

        pulihkan_broker()  # drop the override: later tests read the broker from settings
        proses.terminate()
        try:
            keluaran = proses.communicate(timeout=20)[0].decode(errors="replace")
        except subprocess.TimeoutExpired:
            proses.kill()
            keluaran = ""
        if keluaran.strip():
            print("--- keluaran worker ---\n" + keluaran[-4000:])


def _tunggu_dokumen(skp_pk: int, batas: float = 90) -> Dokumen:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        dok = Dokumen.objects.filter(object_id=skp_pk, jenis="skp").first()
        if dok is not None:
            return dok
        time.sleep(0.5)
    raise AssertionError("worker tidak menerbitkan dokumen dalam batas waktu")


@pytest.mark.django_db(transaction=True)
def test_worker_menerbitkan_dokumen_sekali(org, worker, monkeypatch):
    def bukan_di_sini(*args, **kwargs):
        raise AssertionError("dokumen harus dibuat oleh worker, bukan oleh proses tes")

    monkeypatch.setattr("skp.services.dokumen.terbitkan_dokumen_skp", bukan_di_sini)
    periode = services.buka_periode(org.admin, org.instansi, dt.date.today().year)
    kadis = services.buat_skp(org.kadis, org.kadis, periode)
    isi_skp(org.kadis, kadis, perspektif="penerima_layanan")
    services.ajukan_skp(org.kadis, kadis)
    services.setujui_skp(org.admin, kadis)
    kadis = services.tetapkan_skp(org.admin, kadis)  # commits: on_commit queues the task
    buat_dokumen_skp.delay(kadis.pk)  # queued a second time (a retry, a double click)
    dok = _tunggu_dokumen(kadis.pk)
    time.sleep(2)  # give the second message time to be processed
    assert Dokumen.objects.filter(object_id=kadis.pk, jenis="skp").count() == 1
    import hashlib

    with dok.berkas.open("rb") as f:
        isi = f.read()
    assert isi.startswith(b"%PDF") and hashlib.sha256(isi).hexdigest() == dok.sha256
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
