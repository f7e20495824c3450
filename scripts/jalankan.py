"""``make run``: the web app and its task runner (Celery worker + beat) together.

Ctrl-C stops both.  Without REDIS_URL the worker uses kombu's filesystem broker.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

ALAMAT = os.environ.get("ALAMAT", "127.0.0.1:8000")


def main() -> int:
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "ekinerja", "worker", "--beat",
         "--pool", "solo", "--loglevel", "INFO"],
    )
    try:
        web = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", ALAMAT, "--noreload"]
        )
        print(f"\n  e-Kinerja berjalan di http://{ALAMAT}/  (Ctrl-C untuk berhenti)\n", flush=True)
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
