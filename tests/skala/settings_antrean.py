"""Settings of the worker the queue test starts (tests/skala/test_antrean.py): the app's
settings, plus a mark written when a task starts — its name and the queue it came from —
in ``EKINERJA_SKALA_DIR``."""

import json
import os
from pathlib import Path

from celery.signals import task_prerun

from ekinerja.settings import *  # noqa: F403

_DIR = os.environ.get("EKINERJA_SKALA_DIR")


@task_prerun.connect(weak=False)
def _tandai(sender=None, task=None, **kwargs):
    if not _DIR or task is None:
        return
    info = task.request.delivery_info or {}
    (Path(_DIR) / f"jalan-{task.name}").write_text(
        json.dumps({"tugas": task.name, "antrean": info.get("routing_key")})
    )
