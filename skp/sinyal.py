"""Bump a pegawai's cached SKP reads when one of his SKP changes (``aktivitas.services.harian.
skp_berlaku`` asks on every activity entered).  The version is the pegawai's own: a change of
one SKP leaves every other pegawai's cache alone."""

from django.db.models.signals import post_delete, post_save

from inti.cache_versi import berubah

from .models import Skp


def versi_skp_pegawai(pegawai_id: int) -> str:
    return f"skp-pegawai:{pegawai_id}"


def _berubah(sender, instance: Skp, **kwargs) -> None:
    berubah(versi_skp_pegawai(instance.pegawai_id))


post_save.connect(_berubah, sender=Skp, dispatch_uid="skp-pegawai")
post_delete.connect(_berubah, sender=Skp, dispatch_uid="skp-pegawai-hapus")
