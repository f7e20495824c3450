"""Counts of waiting work beside the menu entries of this app (``ekinerja.navigasi``)."""

from ekinerja.navigasi import daftarkan_hitungan

from .models import Skp


def menunggu_persetujuan(user, peran) -> int:
    """SKP submitted to this user (diajukan or disetujui, not yet ditetapkan)."""
    if not peran.is_atasan:
        return 0
    return Skp.objects.filter(
        pegawai_id__in=peran.bawahan_ids, status__in=[Skp.Status.DIAJUKAN, Skp.Status.DISETUJUI]
    ).count()


daftarkan_hitungan("skp_antrean", menunggu_persetujuan)
