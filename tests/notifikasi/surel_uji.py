"""Test-only e-mail backend shared by the test process and a subprocess Celery worker.

It writes each message into ``EKINERJA_UJI_SUREL_DIR`` (file-based, so the test can read what
the worker sent) and fails the very first send when ``gagal_pertama`` exists in that folder
(the marker is removed on failure), to force one retry.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class GagalSekaliLaluTulis(FileBackend):
    def __init__(self, *args, **kwargs):
        kwargs["file_path"] = os.environ["EKINERJA_UJI_SUREL_DIR"]
        super().__init__(*args, **kwargs)

    def send_messages(self, email_messages):
        penanda = Path(self.file_path) / "gagal_pertama"
        try:
            penanda.unlink()
        except FileNotFoundError:
            return super().send_messages(email_messages)
        raise ConnectionError("SMTP uji: gagal sekali")


def surel_terkirim(folder: Path) -> list[str]:
    """The raw messages written so far (one file per message)."""
    return [p.read_text() for p in sorted(Path(folder).glob("*.log"))]
