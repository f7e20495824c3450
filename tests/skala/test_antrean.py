"""Celery queues by kind of task (issue 13 §4; ekinerja/antrean.py, docs/operasi.md).

Every task has a queue; a routed task lands in its queue on a real Redis broker, and a
worker started with ``-Q`` that queue only runs it."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from ekinerja import antrean
from tests.gangguan.conftest import AKAR, Redis, tunggu
from tests.skala.conftest import lingkungan, perlu, python


def _aplikasi():
    from ekinerja.celery import app

    app.loader.import_default_modules()
    return app


def _nama_tugas(app) -> set[str]:
    return {n for n in app.tasks if not n.startswith("celery.")}


def test_setiap_tugas_punya_antrean():
    app = _aplikasi()
    tugas = _nama_tugas(app)
    assert tugas, "tidak ada tugas terdaftar"
    tanpa_antrean = tugas - set(antrean.RUTE)
    assert not tanpa_antrean, f"tugas tanpa antrean di ekinerja/antrean.py: {tanpa_antrean}"
    usang = set(antrean.RUTE) - tugas
    assert not usang, f"rute untuk tugas yang tidak ada: {usang}"
    assert set(antrean.RUTE.values()) <= set(antrean.SEMUA)
    # Each kind the issue names has at least one task.
    for jenis in (antrean.PENGINGAT, antrean.DOKUMEN, antrean.RINGKASAN, antrean.IMPOR):
        assert jenis in antrean.RUTE.values(), jenis


def test_router_celery_memakai_rute_dari_pengaturan():
    app = _aplikasi()
    for nama, q in antrean.RUTE.items():
        assert app.amqp.router.route({}, nama)["queue"].name == q, nama
    # A worker without -Q (make run) consumes every queue.
    assert set(app.amqp.queues) == set(antrean.SEMUA)


@pytest.mark.skala
@pytest.mark.xdist_group("skala")
def test_tugas_masuk_antreannya_dan_worker_antrean_itu_menjalankannya(tmp_path_factory):
    perlu("redis")
    import redis as redis_py

    folder = tmp_path_factory.mktemp("antrean")
    os.chmod(folder, 0o755)
    r = Redis(folder)
    r.mulai()
    worker = None
    log_worker = folder / "worker.log"
    try:
        env = lingkungan(
            folder,
            DJANGO_SETTINGS_MODULE="tests.skala.settings_antrean",
            CELERY_BROKER_URL=r.url_broker(),
            EKINERJA_SKALA_DIR=str(folder),
        )
        klien = redis_py.Redis(unix_socket_path=str(r.soket))
        # 1. Every routed task, sent by name as the outbox sweep does, lands in its queue.
        python(
            env,
            "-c",
            "import django; django.setup()\n"
            "from ekinerja.celery import app\n"
            "from ekinerja.antrean import RUTE\n"
            "for nama in RUTE: app.send_task(nama)\n",
        )
        harapan = {q: list(antrean.RUTE.values()).count(q) for q in antrean.SEMUA}
        assert {q: klien.llen(q) for q in antrean.SEMUA} == harapan
        klien.flushall()

        # 2. The summary task, queued by its own .delay(), waits in "ringkasan" …
        python(
            env,
            "-c",
            "import django; django.setup()\n"
            "from pemantauan.tasks import perbarui_ringkasan\n"
            "perbarui_ringkasan.delay()\n",
        )
        assert klien.llen(antrean.RINGKASAN) == 1 and klien.llen(antrean.BAWAAN) == 0
        # … and a worker of that queue only takes it and runs it.
        with open(log_worker, "ab") as keluaran:
            worker = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "celery", "-A", "ekinerja", "worker", "-Q",
                 antrean.RINGKASAN, "-c", "1", "--pool", "solo", "--without-mingle",
                 "--without-gossip", "-n", f"skala-{time.monotonic_ns()}@%h", "-l", "INFO"],
                cwd=AKAR, env=env, stdout=keluaran, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        tanda = folder / "jalan-pemantauan.perbarui_ringkasan"
        tunggu(
            tanda.exists,
            90,
            0.2,
            "worker -Q ringkasan tidak menjalankan tugas:\n"
            + (log_worker.read_text(errors="replace")[-3000:] if log_worker.exists() else ""),
        )
        assert json.loads(tanda.read_text()) == {
            "tugas": "pemantauan.perbarui_ringkasan",
            "antrean": antrean.RINGKASAN,
        }
    finally:
        if worker is not None and worker.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(10)
        r.berhenti()
        shutil.rmtree(folder, ignore_errors=True)


def _beat(env: dict, folder, nama: str) -> subprocess.Popen:
    keluaran = open(folder / f"{nama}.log", "ab")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "ekinerja", "beat", "-l", "INFO",
         "-s", str(folder / f"{nama}-schedule")],
        cwd=AKAR, env=env, stdout=keluaran, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def _hentikan(proses: subprocess.Popen | None) -> None:
    if proses is None or proses.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proses.pid, signal.SIGTERM)
    try:
        proses.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(proses.pid, signal.SIGKILL)
        proses.wait(10)


@pytest.mark.skala
@pytest.mark.xdist_group("skala")
def test_beat_kedua_menunggu_sebagai_cadangan(tmp_path_factory):
    """Two beats on one broker: the second waits on the Redis lock and takes over only
    when the first stops (ekinerja/beat_tunggal.py)."""
    perlu("redis")
    import redis as redis_py

    from ekinerja import beat_tunggal

    folder = tmp_path_factory.mktemp("beat")
    os.chmod(folder, 0o755)
    r = Redis(folder)
    r.mulai()
    pertama = kedua = None
    try:
        env = lingkungan(
            folder, DJANGO_SETTINGS_MODULE="ekinerja.settings", CELERY_BROKER_URL=r.url_broker()
        )
        klien = redis_py.Redis(unix_socket_path=str(r.soket))

        def pemilik() -> str:
            return (klien.get(beat_tunggal.KUNCI) or b"").decode()

        def log(nama: str) -> str:
            berkas = folder / f"{nama}.log"
            return berkas.read_text(errors="replace") if berkas.exists() else ""

        pertama = _beat(env, folder, "pertama")
        tunggu(lambda: f":{pertama.pid}:" in pemilik(), 60, 0.2, log("pertama")[-3000:])
        kedua = _beat(env, folder, "kedua")
        tunggu(lambda: "menunggu sebagai cadangan" in log("kedua"), 60, 0.2, log("kedua")[-3000:])
        # The first one sends the sweep (every EKINERJA_SAPU_DETIK = 5 s); the standby sends
        # nothing meanwhile.
        terkirim = log("pertama").count("Sending due task")
        tunggu(lambda: log("pertama").count("Sending due task") > terkirim, 30, 0.2, "")
        assert f":{pertama.pid}:" in pemilik()
        assert "Sending due task" not in log("kedua")
        _hentikan(pertama)
        tunggu(lambda: f":{kedua.pid}:" in pemilik(), 30, 0.2, log("kedua")[-3000:])
        tunggu(lambda: "Sending due task" in log("kedua"), 30, 0.2, log("kedua")[-3000:])
    finally:
        _hentikan(pertama)
        _hentikan(kedua)
        r.berhenti()
        shutil.rmtree(folder, ignore_errors=True)
