"""Make sure the machine's PostgreSQL and Redis are up (CI), starting them when they are down.

Exits non-zero when a service cannot be reached: CI must never fall back to SQLite.
"""

from __future__ import annotations

import glob
import os
import socket
import subprocess
import sys
import time


def terbuka(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def nyalakan(nama: str, host: str, port: int, perintah: list[list[str]]) -> None:
    if terbuka(host, port):
        print(f"[layanan] {nama} sudah berjalan di {host}:{port}")
        return
    print(f"[layanan] {nama} mati; menyalakan ...")
    for cmd in perintah:
        subprocess.run(cmd, check=False)  # noqa: S603
    batas = time.monotonic() + 60
    while time.monotonic() < batas:
        if terbuka(host, port):
            print(f"[layanan] {nama} menyala di {host}:{port}")
            return
        time.sleep(0.5)
    sys.exit(f"[layanan] GAGAL: {nama} tidak dapat dinyalakan di {host}:{port}")


def main() -> None:
    versi = sorted(os.path.basename(p) for p in glob.glob("/etc/postgresql/*"))
    pg_cmds = [
        ["pg_ctlcluster", "--skip-systemctl-redirect", v, "main", "start"] for v in versi[-1:]
    ]
    nyalakan("PostgreSQL", "127.0.0.1", 5432, pg_cmds)
    nyalakan(
        "Redis",
        "127.0.0.1",
        6379,
        [
            [
                "redis-server",
                "--daemonize",
                "yes",
                "--bind",
                "127.0.0.1",
                "-::1",
                "--port",
                "6379",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                "/var/lib/redis",
                "--logfile",
                "/var/log/redis/ci.log",
            ]
        ],
    )


if __name__ == "__main__":
    main()
