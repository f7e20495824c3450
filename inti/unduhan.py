"""Sending a stored signed document (SKP or evaluation PDF) as a private download."""

from __future__ import annotations

import logging

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def kirim_berkas_dokumen(dokumen, nama_berkas: str) -> FileResponse:
    """A stored signed document as a private attachment (also used for evaluation PDFs)."""
    try:
        berkas = dokumen.berkas.open("rb")
    except FileNotFoundError:
        # The row exists but storage lost the file: never re-sign under the same code (printed
        # copies carry it); the operator restores the file from backup.
        logger.error("Berkas dokumen %s (%s) tidak ada di storage.", dokumen.kode, dokumen.berkas)
        raise Http404(_("Berkas dokumen tidak ditemukan; hubungi admin.")) from None
    respons = FileResponse(
        berkas, as_attachment=True, filename=nama_berkas, content_type="application/pdf"
    )
    respons["X-Content-Type-Options"] = "nosniff"
    respons["Cache-Control"] = "private, no-store"
    return respons
