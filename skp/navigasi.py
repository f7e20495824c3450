"""Counts of waiting work beside the menu entries of this app (``ekinerja.navigasi``)."""

from django.utils.translation import gettext_lazy as _

from ekinerja.navigasi import GRUP_ADMIN, Menu, daftarkan, daftarkan_hitungan

from .models import LaporanAtasan, Skp


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


def laporan_atasan_terbuka(user, peran) -> list:
    """Reports of a wrong atasan waiting for this admin instansi (issue 17 §7)."""
    if not peran.is_admin:
        return []
    qs = LaporanAtasan.objects.filter(status=LaporanAtasan.Status.TERBUKA)
    return [qs if user.is_superuser else qs.filter(instansi_id=user.instansi_id)]


daftarkan(
    Menu(_("Laporan atasan salah"), "skp_laporan_atasan", lambda p: p.is_admin, GRUP_ADMIN),
    setelah="kelola_operator",
)
daftarkan_hitungan("skp_laporan_atasan", laporan_atasan_terbuka)
