"""The fault suite's own stack: a private PostgreSQL and Redis on unix sockets in a temporary
folder, the app under gunicorn, a Celery worker and beat — all subprocesses with the
production settings (``tests.gangguan.settings_gangguan``).  The tests stop, restart and kill
them (docs/gangguan.md).

One stack per test module and xdist worker (the tests carry ``xdist_group("gangguan")``,
and scripts/tes.sh distributes with ``--dist loadgroup``, so they share one worker).  Without
``initdb``/``pg_ctl`` or ``redis-server`` the suite skips with a line saying so — except in
CI (``EKINERJA_WAJIB_LAYANAN_NYATA=1``), where it fails instead.
"""

from __future__ import annotations

import contextlib
import glob
import http.cookiejar
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[2]
WAJIB = os.environ.get("EKINERJA_WAJIB_LAYANAN_NYATA") == "1"


def _bin_postgres() -> Path | None:
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def _ada_pengguna_postgres() -> bool:
    import pwd

    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return False
    return shutil.which("runuser") is not None


def perlu_alat() -> None:
    kurang = []
    if _bin_postgres() is None:
        kurang.append("initdb/pg_ctl (PostgreSQL server)")
    if shutil.which("redis-server") is None:
        kurang.append("redis-server")
    if os.geteuid() == 0 and not _ada_pengguna_postgres():
        kurang.append("pengguna 'postgres' dan runuser (PostgreSQL menolak berjalan sebagai root)")
    if not kurang:
        return
    pesan = f"tes gangguan dilewati: {', '.join(kurang)} tidak terpasang (docs/gangguan.md)"
    if WAJIB:
        pytest.fail(pesan.replace("dilewati", "WAJIB di CI"))
    pytest.skip(pesan)


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tunggu(syarat, batas: float, jeda: float = 0.1, pesan: str = ""):
    """Poll ``syarat()`` until it is truthy (returned) or ``batas`` seconds pass (fail)."""
    akhir = time.monotonic() + batas
    while True:
        hasil = syarat()
        if hasil:
            return hasil
        if time.monotonic() > akhir:
            raise AssertionError(pesan or f"tidak terpenuhi dalam {batas} detik")
        time.sleep(jeda)


# --- PostgreSQL ------------------------------------------------------------------------------
class Postgres:
    def __init__(self, folder: Path):
        self.bin = _bin_postgres()
        self.data = folder / "pg"
        self.soket = folder / "soket"
        self.log = folder / "pg.log"
        self.sebagai_root = os.geteuid() == 0  # postgres refuses to run as root
        self.soket.mkdir(mode=0o777, exist_ok=True)
        os.chmod(self.soket, 0o1777)
        os.chmod(folder, 0o755)
        self.data.mkdir()
        self.log.touch()
        if self.sebagai_root:
            shutil.chown(self.data, "postgres", "postgres")
            shutil.chown(self.log, "postgres", "postgres")

    def _perintah(self, *args: str) -> list[str]:
        cmd = [str(self.bin / args[0]), *args[1:]]
        return ["runuser", "-u", "postgres", "--", *cmd] if self.sebagai_root else cmd

    def _jalankan(self, *args: str, timeout: float = 60) -> None:
        subprocess.run(  # noqa: S603
            self._perintah(*args), check=True, capture_output=True, timeout=timeout
        )

    def siapkan(self) -> None:
        self._jalankan(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        self.mulai()
        self.psql("CREATE DATABASE ekinerja")

    def mulai(self) -> None:
        opsi = (
            f"-k {self.soket} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=60"
        )
        self._jalankan(
            "pg_ctl", "-D", str(self.data), "-o", opsi, "-l", str(self.log), "-w", "start"
        )

    def berhenti(self, mode: str = "fast") -> None:
        self._jalankan("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def psql(self, sql: str, db: str = "postgres") -> str:
        hasil = subprocess.run(  # noqa: S603
            [
                str(self.bin / "psql") if (self.bin / "psql").exists() else "psql",
                "-h",
                str(self.soket),
                "-U",
                "postgres",
                "-d",
                db,
                "-At",
                "-c",
                sql,
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=30,
        )
        return hasil.stdout.strip()

    def url(self) -> str:
        return f"postgres://postgres@{urllib.parse.quote(str(self.soket), safe='')}/ekinerja"


# --- Redis -----------------------------------------------------------------------------------
class Redis:
    def __init__(self, folder: Path):
        self.folder = folder / "redis"
        self.folder.mkdir()
        self.soket = self.folder / "redis.sock"
        self.proses: subprocess.Popen | None = None

    def mulai(self) -> None:
        self.proses = subprocess.Popen(  # noqa: S603
            [
                "redis-server",
                "--port",
                "0",
                "--unixsocket",
                str(self.soket),
                "--unixsocketperm",
                "777",
                "--dir",
                str(self.folder),
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--save",
                "",
                "--maxmemory-policy",
                "noeviction",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        tunggu(self.hidup, 10, pesan="redis-server tidak menyala")

    def hidup(self) -> bool:
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.settimeout(0.5)
                s.connect(str(self.soket))
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def berhenti(self) -> None:
        if self.proses and self.proses.poll() is None:
            self.proses.terminate()  # SIGTERM: redis writes its AOF and exits
            self.proses.wait(10)

    def url_broker(self) -> str:
        return f"redis+socket://{self.soket}"

    def url_cache(self) -> str:
        return f"unix://{self.soket}?db=1"


# --- the app's processes ---------------------------------------------------------------------
@dataclass
class Tumpukan:
    folder: Path
    pg: Postgres
    redis: Redis
    env: dict
    port: int
    data: dict = field(default_factory=dict)
    web: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None
    beat: subprocess.Popen | None = None
    log: dict = field(default_factory=dict)

    @property
    def alamat(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _popen(self, nama: str, args: list[str]) -> subprocess.Popen:
        berkas = open(self.folder / f"{nama}.log", "ab")  # noqa: SIM115 - closed at stop
        self.log[nama] = berkas
        return subprocess.Popen(  # noqa: S603
            args,
            cwd=AKAR,
            env=self.env,
            stdout=berkas,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a process group of its own: killed as a whole
        )

    def python(self, *args: str, timeout: float = 180) -> str:
        hasil = subprocess.run(  # noqa: S603
            [sys.executable, *args],
            cwd=AKAR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if hasil.returncode:
            raise AssertionError(f"{args} gagal:\n{hasil.stdout}\n{hasil.stderr}")
        return hasil.stdout

    def mulai_web(self) -> None:
        self.web = self._popen(
            "web",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "deploy/gunicorn.conf.py",
                "--worker-tmp-dir",
                str(self.folder),
                "ekinerja.wsgi:application",
            ],
        )
        tunggu(lambda: self.get("/readyz")[0] == 200, 60, 0.2, "gunicorn tidak siap")

    def mulai_worker(self) -> None:
        self.worker = self._popen(
            "worker",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "ekinerja",
                "worker",
                "-c",
                "2",
                "--without-mingle",
                "--without-gossip",
                # No -Q: every queue of ekinerja/antrean.py (settings CELERY_TASK_QUEUES).
                "-n",
                f"gangguan-{time.monotonic_ns()}@%h",
                "-l",
                "INFO",
            ],
        )

    def mulai_beat(self) -> None:
        self.beat = self._popen(
            "beat",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "ekinerja",
                "beat",
                "-l",
                "INFO",
                "-s",
                str(self.folder / "celerybeat-schedule"),
            ],
        )

    def bunuh(self, proses: subprocess.Popen | None, sinyal=signal.SIGKILL) -> None:
        if proses is None or proses.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proses.pid, sinyal)
        try:
            proses.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proses.pid, signal.SIGKILL)
            proses.wait(10)

    def hentikan_semua(self) -> None:
        for p in (self.beat, self.worker, self.web):
            self.bunuh(p, signal.SIGTERM)
        self.redis.berhenti()
        with contextlib.suppress(Exception):
            self.pg.berhenti("immediate")
        for berkas in self.log.values():
            berkas.close()

    def ekor_log(self, nama: str, n: int = 4000) -> str:
        berkas = self.folder / f"{nama}.log"
        return berkas.read_text(errors="replace")[-n:] if berkas.exists() else ""

    # -- HTTP (no redirects followed: a 302 is an answer) --
    def get(self, jalur: str, peramban: Peramban | None = None) -> tuple[int, str]:
        return (peramban or Peramban(self.alamat)).minta("GET", jalur)

    def sql(self, query: str) -> str:
        return self.pg.psql(query, db="ekinerja")

    def hitung(self, query: str) -> int:
        return int(self.sql(query) or 0)


class _TanpaAlih(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Peramban:
    """A client with cookies and the CSRF token, like a browser (no JavaScript)."""

    def __init__(self, alamat: str):
        self.alamat = alamat
        self.kue = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.kue), _TanpaAlih()
        )

    def csrf(self) -> str:
        return next((c.value for c in self.kue if c.name == "csrftoken"), "")

    def minta(self, metode: str, jalur: str, data: dict | None = None, timeout: float = 30):
        badan = None
        kepala = {"Referer": self.alamat + "/"}
        if data is not None:
            badan = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode()
            kepala["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.alamat + jalur, badan, kepala, method=metode)
        try:
            with self.opener.open(req, timeout=timeout) as r:
                return r.status, r.read().decode(errors="replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")
        except (urllib.error.URLError, OSError):  # refused, reset, timed out: no answer
            return 0, ""

    def masuk(self, nip: str, sandi: str) -> int:
        from django.urls import reverse

        self.minta("GET", reverse("masuk"))
        return self.minta("POST", reverse("masuk"), {"username": nip, "password": sandi})[0]


@pytest.fixture(scope="module")
def tumpukan():
    perlu_alat()
    folder = Path(tempfile.mkdtemp(prefix="ekj-ggn-"))  # short: unix socket paths are short
    pg = Postgres(folder)
    redis = Redis(folder)
    port = _port_bebas()
    tahan = folder / "tahan"
    tahan.mkdir(mode=0o777)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "CELERY_", "EKINERJA_", "PYTEST_", "DATABASE_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.gangguan.settings_gangguan",
        DEBUG="false",
        SECRET_KEY="gangguan-" + os.urandom(8).hex(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=pg.url(),
        REDIS_URL=redis.url_cache(),
        CELERY_BROKER_URL=redis.url_broker(),
        EKINERJA_VAR_DIR=str(folder / "var"),
        MEDIA_ROOT=str(folder / "media"),
        # A lost task comes back after seconds here (production: after the longest task).
        CELERY_VISIBILITY_TIMEOUT="8",
        CELERY_RESTORE_INTERVAL="1",
        EKINERJA_GANGGUAN_DIR=str(tahan),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="4",
        GUNICORN_TIMEOUT="30",
        PYTHONUNBUFFERED="1",
    )
    t = Tumpukan(folder, pg, redis, env, port)
    try:
        pg.siapkan()
        redis.mulai()
        t.data = json.loads(t.python("-m", "tests.gangguan.siapkan").strip().splitlines()[-1])
        t.mulai_web()
        t.mulai_worker()
        t.mulai_beat()
        yield t
    finally:
        t.hentikan_semua()
        for nama in ("web", "worker", "beat"):
            ekor = t.ekor_log(nama, 3000)
            if ekor.strip():
                print(f"--- {nama} ---\n{ekor}")
        shutil.rmtree(folder, ignore_errors=True)
