"""Readable names of the SKP actions recorded in ``Riwayat``."""

from django.utils.translation import gettext_lazy as _

from pegawai.riwayat import daftarkan

daftarkan(
    {
        "periode.dibuka": _("Periode dibuka"),
        "periode.status": _("Status periode diubah"),
        "skp.dibuat": _("SKP dibuat"),
        "skp.dipotong": _("Masa berlaku SKP diakhiri karena pindah jabatan"),
        "skp.disalin": _("Isi disalin dari SKP sebelumnya"),
        "skp.rhk_ditambah": _("RHK ditambahkan"),
        "skp.rhk_diubah": _("RHK diubah"),
        "skp.rhk_dihapus": _("RHK dihapus"),
        "skp.indikator_ditambah": _("Indikator ditambahkan"),
        "skp.indikator_diubah": _("Indikator diubah"),
        "skp.indikator_dihapus": _("Indikator dihapus"),
        "skp.lampiran_ditambah": _("Lampiran ditambahkan"),
        "skp.lampiran_diubah": _("Lampiran diubah"),
        "skp.lampiran_dihapus": _("Lampiran dihapus"),
        "skp.ekspektasi_diisi": _("Ekspektasi khusus pimpinan diisi"),
        "skp.diajukan": _("SKP diajukan"),
        "skp.disetujui": _("SKP disetujui"),
        "skp.dikembalikan": _("SKP dikembalikan"),
        "skp.ditetapkan": _("SKP ditetapkan"),
        "skp.digantikan": _("SKP digantikan versi baru"),
        "skp.revisi_dibuat": _("Revisi SKP dibuat"),
        "skp.laporan_atasan_dibuat": _("Laporan atasan salah dikirim ke admin"),
        "skp.laporan_atasan_dijawab": _("Laporan atasan salah dijawab admin"),
        "skp.dokumen_diterbitkan": _("Dokumen SKP bertanda tangan diterbitkan"),
        "skp.pustaka_dipakai": _("RHK diambil dari pustaka"),
        "pustaka.dibuat": _("Pustaka RHK ditambahkan"),
        "pustaka.diubah": _("Pustaka RHK diubah"),
        "pustaka.dihapus": _("Pustaka RHK dihapus"),
    }
)
