"""Celery tasks of the penilaian app: thin, idempotent wrappers over services."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, ValidationError
from django.db import transaction

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
    dont_autoretry_for=(ValidationError, ObjectDoesNotExist, ImproperlyConfigured),
)
def buat_dokumen_evaluasi(self, penilaian_id: int) -> str:
    """Render, sign and store the evaluation document of a final rating (idempotent: one
    valid document per rating state)."""
    from penilaian.services.dokumen import terbitkan_dokumen_evaluasi

    return terbitkan_dokumen_evaluasi(penilaian_id).kode


def jadwalkan_dokumen_evaluasi(penilaian_id: int) -> None:
    """Call inside the transaction that makes a rating final (or changes it after an
    objection): after commit, queue its document.  A broker outage never breaks the request
    — the task waits in the outbox and the sweep sends it once the broker is back (and the
    document is made on demand if someone opens it first)."""
    from pegawai.services.antrean import kirim_tugas

    transaction.on_commit(lambda: kirim_tugas(buat_dokumen_evaluasi, penilaian_id))
