"""Celery tasks of the skp app: thin, idempotent wrappers over services."""

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
def buat_dokumen_skp(self, skp_id: int) -> str:
    """Render, sign and store the SKP document (idempotent: one document per SKP version)."""
    from skp.services.dokumen import terbitkan_dokumen_skp

    return terbitkan_dokumen_skp(skp_id).kode


def jadwalkan_dokumen_skp(skp) -> None:
    """After the transaction commits, queue the document; a broker outage never breaks the
    request — the task waits in the outbox and the sweep sends it once the broker is back
    (and the document is made on demand if someone opens it first)."""
    from pegawai.services.antrean import kirim_tugas

    transaction.on_commit(lambda pk=skp.pk: kirim_tugas(buat_dokumen_skp, pk))
