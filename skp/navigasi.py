"""Counts of waiting work beside the menu entries of this app (``ekinerja.navigasi``)."""

from ekinerja.navigasi import daftarkan_hitungan

from .models import Skp


def menunggu_persetujuan(user, peran) -> list:
    """SKP submitted to this user (diajukan or disetujui, not yet ditetapkan)."""
    if not peran.is_atasan:
        return []
    return [
        Skp.objects.filter(
            pegawai_id__in=peran.bawahan_ids,
            status__in=[Skp.Status.DIAJUKAN, Skp.Status.DISETUJUI],
        )
    ]


daftarkan_hitungan("skp_antrean", menunggu_persetujuan)
