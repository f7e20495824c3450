"""Settings of the processes the fault suite starts (gunicorn, Celery worker and beat, the
setup script): the production settings (``DEBUG=false``, PostgreSQL and Redis from the
environment) with fast hashing, and hooks that hold a task where the test wants to kill
the worker.

Hooks (only with ``EKINERJA_GANGGUAN_DIR``): when the file ``tahan-<nama>`` exists in that
folder, the point ``<nama>`` writes ``mulai-<nama>`` and waits until the file is removed.
- ``dokumen``: the SKP document task, before it starts;
- ``pengingat``: the activity reminder run, inside its transaction, after it has written
  the notifications (a kill there must roll everything back, then run once more).
"""

import os
import time
from pathlib import Path

from ekinerja.settings import *  # noqa: F403
from ekinerja.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No collectstatic in a test: pages find their files through the finders.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

_DIR = os.environ.get("EKINERJA_GANGGUAN_DIR")


def tahan(nama: str) -> None:
    if not _DIR:
        return
    folder = Path(_DIR)
    if not (folder / f"tahan-{nama}").exists():
        return
    (folder / f"mulai-{nama}").touch()
    while (folder / f"tahan-{nama}").exists():
        time.sleep(0.05)


if _DIR:
    from celery.signals import task_prerun

    @task_prerun.connect(weak=False)
    def _sebelum_tugas(sender=None, **kwargs):
        if sender is None:
            return
        if sender.name == "skp.tasks.buat_dokumen_skp":
            tahan("dokumen")
        elif sender.name == "notifikasi.pengingat_aktivitas":
            from notifikasi.models import Notifikasi

            manajer = Notifikasi.objects
            if getattr(manajer, "_gangguan", False):
                return
            asli = manajer.bulk_create

            def bulk_create(*args, **kw):
                hasil = asli(*args, **kw)
                tahan("pengingat")
                return hasil

            manajer.bulk_create = bulk_create
            manajer._gangguan = True
