"""Celery tasks of the skp app: thin, idempotent wrappers over services."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, ValidationError
from django.db import transaction
from kombu.exceptions import OperationalError

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
    request — the document is then made on demand when someone opens it."""

    def kirim():
        try:
            buat_dokumen_skp.delay(skp.pk)
        except OperationalError:  # broker down: the on-demand path covers it
            logger.warning("Broker tidak tersedia; dokumen SKP %s dibuat saat diminta.", skp.pk)

    transaction.on_commit(kirim)
