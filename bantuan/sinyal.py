"""Forget a user's cached start box (bantuan.selectors.langkah_awal) when he saves what its
steps tick: an SKP, a new (or deleted) activity, a realisation's status.  Bulk writes send
no signal; the cached box then lasts at most an hour (inti.cache_versi.UMUR_DETIK)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from aktivitas.models import Aktivitas, RealisasiBulanan
from inti.cache_versi import berubah
from skp.models import Skp

from .selectors import versi_langkah


def _pegawai_berubah(sender, instance, **kwargs) -> None:
    berubah(versi_langkah(instance.pegawai_id))


def _aktivitas_baru(sender, instance, created: bool = False, **kwargs) -> None:
    """The box's step is "has entered an activity": only a new one can tick it (a review or
    an edit cannot — no cache writes for each approved row)."""
    if created:
        berubah(versi_langkah(instance.pegawai_id))


def _realisasi_berubah(sender, instance, update_fields=None, **kwargs) -> None:
    """The box's step is "has a realisation past draft": only a save that sets the status can
    tick it (not the text of a draft being typed in)."""
    if update_fields is not None and "status" not in update_fields:
        return
    if RealisasiBulanan.skp.is_cached(instance):
        pegawai_id = instance.skp.pegawai_id
    else:
        pegawai_id = (
            Skp.objects.filter(pk=instance.skp_id).values_list("pegawai_id", flat=True).first()
        )
    if pegawai_id:
        berubah(versi_langkah(pegawai_id))


post_save.connect(_pegawai_berubah, sender=Skp, dispatch_uid="bantuan-langkah-skp")
post_save.connect(_aktivitas_baru, sender=Aktivitas, dispatch_uid="bantuan-langkah-aktivitas")
# Deleting his only activity unticks the step.
post_delete.connect(
    _pegawai_berubah, sender=Aktivitas, dispatch_uid="bantuan-langkah-aktivitas-hapus"
)
post_save.connect(
    _realisasi_berubah, sender=RealisasiBulanan, dispatch_uid="bantuan-langkah-realisasi"
)
