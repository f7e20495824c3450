"""Bump a pegawai's cached SKP reads when one of his SKP changes (``aktivitas.services.harian.
skp_berlaku`` asks on every activity entered).  The version is the pegawai's own: a change of
one SKP leaves every other pegawai's cache alone.

The RHK of one SKP (the entry form's choices, ``aktivitas.selectors.harian.rhk_skp``) have a
version of their own, bumped by any RHK of that SKP saved or deleted here and by its action
plans (``aktivitas.sinyal``).  No service writes RHK in bulk (which would send no signal).
The periods have one version for all (``VERSI_PERIODE``, shared with the dashboards' windows);
no service writes them in bulk either."""

from django.db.models.signals import post_delete, post_save

from inti.cache_versi import berubah, ikuti

from .models import Periode, RencanaHasilKerja, Skp

# The periods (the home page's open period; the dashboards add the appraisal windows to it,
# pemantauan.sinyal): bumped whenever one is saved.  One of the versions every page reads at
# once (inti.cache_versi.VERSI_UMUM).
VERSI_PERIODE = "periode"


def versi_skp_pegawai(pegawai_id: int) -> str:
    return f"skp-pegawai:{pegawai_id}"


def versi_rhk_skp(skp_id: int) -> str:
    return f"skp-rhk:{skp_id}"


def _rhk_berubah(sender, instance: RencanaHasilKerja, **kwargs) -> None:
    berubah(versi_rhk_skp(instance.skp_id))


def _berubah(sender, instance: Skp, **kwargs) -> None:
    berubah(versi_skp_pegawai(instance.pegawai_id))


post_save.connect(_berubah, sender=Skp, dispatch_uid="skp-pegawai")
post_delete.connect(_berubah, sender=Skp, dispatch_uid="skp-pegawai-hapus")
post_save.connect(_rhk_berubah, sender=RencanaHasilKerja, dispatch_uid="skp-rhk")
post_delete.connect(_rhk_berubah, sender=RencanaHasilKerja, dispatch_uid="skp-rhk-hapus")
ikuti(VERSI_PERIODE, Periode, uid="periode")
