"""The scale tests' own servers (issue 13; docs/operasi.md): a private PostgreSQL primary
with a real streaming replica (``pg_basebackup -R``, started on another loopback port),
PgBouncer in transaction mode in front of a private PostgreSQL, and a private Redis for
the queues.  The binaries and the private PostgreSQL are the fault suite's
(tests/gangguan/conftest.py).

Without a binary a test skips with a line saying which — except in CI
(``EKINERJA_WAJIB_LAYANAN_NYATA=1``, scripts/tes.sh installs PgBouncer), where it fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.gangguan.conftest import (
    AKAR,
    WAJIB,
    Postgres,
    _ada_pengguna_postgres,
    _bin_postgres,
    _port_bebas,
    tunggu,
)


def perlu(*alat: str) -> None:
    """Skip (fail in CI) when one of ``alat`` is missing: "postgres", "pgbouncer", "redis"."""
    kurang = []
    if "postgres" in alat:
        b = _bin_postgres()
        if b is None or not (b / "pg_basebackup").exists():
            kurang.append("initdb/pg_ctl/pg_basebackup (PostgreSQL server)")
        if os.geteuid() == 0 and not _ada_pengguna_postgres():
            kurang.append(
                "pengguna 'postgres' dan runuser (PostgreSQL menolak berjalan sebagai root)"
            )
    if "pgbouncer" in alat and _bin_pgbouncer() is None:
        kurang.append("pgbouncer (scripts/pgbouncer.sh)")
    if "redis" in alat and shutil.which("redis-server") is None:
        kurang.append("redis-server")
    if not kurang:
        return
    pesan = f"tes skala dilewati: {', '.join(kurang)} tidak terpasang (docs/operasi.md)"
    if WAJIB:
        pytest.fail(pesan.replace("dilewati", "WAJIB di CI"))
    pytest.skip(pesan)


def _bin_pgbouncer() -> str | None:
    return shutil.which("pgbouncer") or (
        "/usr/sbin/pgbouncer" if Path("/usr/sbin/pgbouncer").exists() else None
    )


class Replika(Postgres):
    """A streaming replica of ``primer``: ``pg_basebackup -R``, then a hot standby that
    listens on 127.0.0.1:``port``."""

    def __init__(self, folder: Path, primer: Postgres):
        folder.mkdir()
        super().__init__(folder)
        self.primer = primer
        self.port = _port_bebas()
        os.chmod(self.data, 0o700)

    def siapkan(self) -> None:
        self._jalankan(
            "pg_basebackup",
            "-h",
            str(self.primer.soket),
            "-U",
            "postgres",
            "-D",
            str(self.data),
            "-R",  # standby.signal + primary_conninfo: a streaming replica
            "-X",
            "stream",
            "--no-sync",
            "--checkpoint=fast",  # not a spread checkpoint: minutes on an idle server
            timeout=120,
        )
        self.mulai()

    def mulai(self) -> None:
        opsi = (
            f"-k {self.soket} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c hot_standby=on -c max_connections=60"
        )
        self._jalankan(
            "pg_ctl", "-D", str(self.data), "-o", opsi, "-l", str(self.log), "-w", "start"
        )

    def psql(self, sql: str, db: str = "postgres") -> str:
        hasil = subprocess.run(  # noqa: S603
            [str(self.bin / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
             "-d", db, "-At", "-c", sql],
            check=True, capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        return hasil.stdout.strip()

    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/ekinerja"


class PgBouncer:
    """Debian's pgbouncer in transaction mode on 127.0.0.1:``port`` in front of ``pg``.
    Two server connections used in turn (``server_round_robin``), so that state left on one
    is missing on the next: what transaction pooling does to a session under load."""

    def __init__(self, folder: Path, pg: Postgres):
        self.folder = folder / "pgbouncer"
        self.folder.mkdir()
        self.port = _port_bebas()
        self.pg = pg
        self.proses: subprocess.Popen | None = None
        (self.folder / "userlist.txt").write_text('"postgres" ""\n')
        (self.folder / "pgbouncer.ini").write_text(
            "[databases]\n"
            f"ekinerja = host={pg.soket} port=5432 dbname=ekinerja\n"
            "[pgbouncer]\n"
            "listen_addr = 127.0.0.1\n"
            f"listen_port = {self.port}\n"
            "unix_socket_dir =\n"
            "auth_type = trust\n"
            f"auth_file = {self.folder / 'userlist.txt'}\n"
            "pool_mode = transaction\n"
            "default_pool_size = 2\n"
            "min_pool_size = 2\n"
            "server_round_robin = 1\n"
            "max_client_conn = 100\n"
            "ignore_startup_parameters = extra_float_digits,options\n"
            f"logfile = {self.folder / 'pgbouncer.log'}\n"
        )
        if os.geteuid() == 0:
            for berkas in (self.folder, *self.folder.iterdir()):
                shutil.chown(berkas, "postgres", "postgres")

    def mulai(self) -> None:
        perintah = [_bin_pgbouncer(), str(self.folder / "pgbouncer.ini")]
        if os.geteuid() == 0:  # pgbouncer refuses to run as root
            perintah = ["runuser", "-u", "postgres", "--", *perintah]
        self.proses = subprocess.Popen(  # noqa: S603
            perintah,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

        def siap() -> bool:
            import socket

            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5),
            ):
                return True
            return False

        tunggu(siap, 15, pesan="pgbouncer tidak menyala")

    def berhenti(self) -> None:
        if self.proses and self.proses.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proses.pid, signal.SIGTERM)
            self.proses.wait(10)

    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/ekinerja"

    def log(self) -> str:
        berkas = self.folder / "pgbouncer.log"
        return berkas.read_text(errors="replace")[-3000:] if berkas.exists() else ""


def lingkungan(folder: Path, **lain: str) -> dict:
    """The environment of a subprocess with the production settings (settings_skala.py)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "CELERY_", "EKINERJA_", "PYTEST_", "DATABASE_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.skala.settings_skala",
        DEBUG="false",
        SECRET_KEY="skala-" + os.urandom(8).hex(),
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        EKINERJA_VAR_DIR=str(folder / "var"),
        MEDIA_ROOT=str(folder / "media"),
        PYTHONUNBUFFERED="1",
    )
    env.update(lain)
    return env


def python(env: dict, *args: str, timeout: float = 300) -> str:
    hasil = subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=AKAR, env=env, capture_output=True, text=True, timeout=timeout
    )
    if hasil.returncode:
        raise AssertionError(f"{args[:2]} gagal:\n{hasil.stdout[-3000:]}\n{hasil.stderr[-6000:]}")
    return hasil.stdout


def jalankan_skenario(env: dict, babak: str, data: dict) -> dict:
    keluaran = python(env, "-m", "tests.skala.skenario", babak, json.dumps(data))
    return json.loads(keluaran.strip().splitlines()[-1])


def siapkan_data(env: dict) -> dict:
    """Schema and the fault suite's small instansi (tests/gangguan/siapkan.py)."""
    return json.loads(python(env, "-m", "tests.gangguan.siapkan").strip().splitlines()[-1])


@pytest.fixture(scope="module")
def folder_sementara():
    folder = Path(tempfile.mkdtemp(prefix="ekj-skl-"))  # short: unix socket paths are short
    os.chmod(folder, 0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def primer(folder_sementara):
    perlu("postgres")
    pg = Postgres(folder_sementara)
    pg.siapkan()
    try:
        yield pg
    finally:
        with contextlib.suppress(Exception):
            pg.berhenti("immediate")
