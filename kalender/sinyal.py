"""Bump the cached holidays when the calendar changes (see ``kalender.selectors``): at once
and again on commit, as ``pegawai.sinyal``.  Bulk writes call :func:`kalender_berubah`."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from inti.cache_versi import naikkan_versi

from .models import HariLibur
from .selectors import VERSI


def kalender_berubah(**_kwargs) -> None:
    naikkan_versi(VERSI)
    transaction.on_commit(lambda: naikkan_versi(VERSI))


post_save.connect(kalender_berubah, sender=HariLibur, dispatch_uid="kalender-simpan")
post_delete.connect(kalender_berubah, sender=HariLibur, dispatch_uid="kalender-hapus")
