"""Counts of waiting work beside the menu entries of this app (``ekinerja.navigasi``)."""

from ekinerja.navigasi import daftarkan_hitungan

from .models import Aktivitas, RealisasiBulanan


def menunggu_tinjauan(user, peran) -> int:
    """Activities and submitted realisations waiting for this user as pejabat penilai (two
    counts on the (penilai, status) indexes)."""
    if not peran.is_atasan:
        return 0
    aktivitas = Aktivitas.objects.filter(penilai=user, status=Aktivitas.Status.MENUNGGU).count()
    realisasi = RealisasiBulanan.objects.filter(
        penilai=user, status=RealisasiBulanan.Status.DIAJUKAN
    ).count()
    return aktivitas + realisasi


daftarkan_hitungan("aktivitas_tinjau", menunggu_tinjauan)
