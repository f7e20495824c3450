"""Bump the cached performance settings when a settings row changes (see
``aktivitas.selectors.pengaturan``), and an SKP's cached RHK choices when one of its action
plans changes (``skp.sinyal.versi_rhk_skp``)."""

from django.db.models.signals import post_delete, post_save

from inti.cache_versi import berubah, ikuti
from skp.models import RencanaHasilKerja
from skp.sinyal import versi_rhk_skp

from .models import PengaturanKinerja, RencanaAksi
from .selectors.pengaturan import VERSI

ikuti(VERSI, PengaturanKinerja, uid="pengaturan-kinerja")


def _rencana_aksi_berubah(sender, instance: RencanaAksi, **kwargs) -> None:
    skp_id = (
        instance.rhk.skp_id
        if RencanaAksi.rhk.is_cached(instance)
        else RencanaHasilKerja.objects.filter(pk=instance.rhk_id)
        .values_list("skp_id", flat=True)
        .first()
    )
    if skp_id is not None:
        berubah(versi_rhk_skp(skp_id))


post_save.connect(_rencana_aksi_berubah, sender=RencanaAksi, dispatch_uid="rencana-aksi")
post_delete.connect(_rencana_aksi_berubah, sender=RencanaAksi, dispatch_uid="rencana-aksi-hapus")
