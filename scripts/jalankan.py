"""``make run``: the web app and its task runner (Celery worker + beat) together.

Ctrl-C stops both.  Without REDIS_URL the worker uses kombu's filesystem broker.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

ALAMAT = os.environ.get("ALAMAT", "127.0.0.1:8000")


def cetak_akun_demo() -> None:
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekinerja.settings")
    import django

    django.setup()
    from ekinerja.demo.organisasi import AKUN_DEMO, DEMO_SANDI

    print(f"\n  e-Kinerja berjalan di http://{ALAMAT}/  (Ctrl-C untuk berhenti)")
    print(f"  Akun demo (kata sandi: {DEMO_SANDI}):")
    for akun in AKUN_DEMO:
        print(f"    {akun.peran:<16} {akun.nip}  {akun.catatan}".rstrip())
    print(flush=True)


def main() -> int:
    worker = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "ekinerja",
            "--quiet",
            "worker",
            "--beat",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
        ],
    )
    try:
        web = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", ALAMAT, "--noreload"]
        )
        time.sleep(3)  # let the worker's banner pass, so the logins are the last thing shown
        cetak_akun_demo()
        return web.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for proses in (locals().get("web"), worker):
            if proses and proses.poll() is None:
                proses.send_signal(signal.SIGINT)
        for proses in (locals().get("web"), worker):
            if proses:
                try:
                    proses.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proses.kill()


if __name__ == "__main__":
    sys.exit(main())
