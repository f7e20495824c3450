"""Bump the cached performance settings when a settings row changes (see
``aktivitas.selectors.pengaturan``): at once and again on commit, as ``pegawai.sinyal``."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from inti.cache_versi import naikkan_versi

from .models import PengaturanKinerja
from .selectors.pengaturan import VERSI


def _berubah(sender, instance, **kwargs) -> None:
    naikkan_versi(VERSI)
    transaction.on_commit(lambda: naikkan_versi(VERSI))


post_save.connect(_berubah, sender=PengaturanKinerja, dispatch_uid="pengaturan-kinerja")
post_delete.connect(_berubah, sender=PengaturanKinerja, dispatch_uid="pengaturan-kinerja-hapus")
