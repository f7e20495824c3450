"""Pure rules of the help: which part of which guide explains a page, the first-use steps,
and when an unanswered question is late (workdays, kalender.rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from kalender.rules import is_hari_kerja

# The guides (docs/panduan/<berkas>), by the name in their URL.
PANDUAN = {
    "umum": "README.md",
    "asn": "asn.md",
    "atasan": "atasan.md",
    "operator": "operator.md",
    "admin": "admin.md",
}
JUDUL_PANDUAN = {
    "umum": _("Panduan umum"),
    "asn": _("Panduan ASN"),
    "atasan": _("Panduan atasan"),
    "operator": _("Panduan operator"),
    "admin": _("Panduan admin"),
}

# url_name -> (guide, anchor of the section that explains that page).  The anchor is the
# slug of the section's heading (bantuan.panduan).  A page not listed shows the general part.
PETA_BAGIAN: dict[str, tuple[str, str]] = {
    "beranda": ("asn", "mulai-dari-sini-tiga-langkah-pertama"),
    "profil": ("asn", "1-periksa-profil-anda-dahulu"),
    "ganti_sandi": ("umum", "mengganti-kata-sandi"),
    "skp_daftar": ("asn", "2-membuat-skp"),
    "skp_buat": ("asn", "2-membuat-skp"),
    "skp_detail": ("asn", "4-mengisi-rhk"),
    "skp_versi": ("asn", "10-mengubah-skp-di-tengah-tahun-revisi"),
    "aktivitas_harian": ("asn", "13-aktivitas-harian-dan-bukti-dukung"),
    "aktivitas_minggu": ("asn", "13-aktivitas-harian-dan-bukti-dukung"),
    "aktivitas_bulan": ("asn", "13-aktivitas-harian-dan-bukti-dukung"),
    "aktivitas_ubah": ("asn", "13-aktivitas-harian-dan-bukti-dukung"),
    "aktivitas_impor": ("asn", "13-aktivitas-harian-dan-bukti-dukung"),
    "aktivitas_rencana_aksi": ("asn", "15-rencana-aksi"),
    "realisasi_bulanan": ("asn", "16-realisasi-bulanan"),
    "aktivitas_kuasa": ("asn", "14-kuasa-pengisian"),
    "aktivitas_kuasa_unit": ("operator", "kuasa-pengisian-di-unit"),
    "umpan_balik": ("asn", "17-umpan-balik-atasan"),
    "penilaian_saya": ("asn", "18-penilaian-kinerja-dan-predikat"),
    "penilaian_detail": ("asn", "18-penilaian-kinerja-dan-predikat"),
    "keberatan_daftar": ("asn", "19-keberatan"),
    "keberatan_ajukan": ("asn", "19-keberatan"),
    "keberatan_detail": ("asn", "19-keberatan"),
    "notifikasi_daftar": ("asn", "20-notifikasi-dan-tanya-operator"),
    "notifikasi_preferensi": ("asn", "20-notifikasi-dan-tanya-operator"),
    "bantuan_tanya": ("asn", "20-notifikasi-dan-tanya-operator"),
    "bantuan_pertanyaan_saya": ("asn", "20-notifikasi-dan-tanya-operator"),
    "skp_antrean": ("atasan", "3-antrean-persetujuan"),
    "skp_tinjau": ("atasan", "4-meninjau-skp"),
    "skp_matriks": ("atasan", "9-matriks-peran-hasil"),
    "bawahan": ("atasan", "2-daftar-bawahan"),
    "aktivitas_tinjau": ("atasan", "12-meninjau-aktivitas-harian-bawahan"),
    "nilai_daftar": ("atasan", "11-menilai-kinerja-bawahan-triwulan-dan-tahunan"),
    "nilai_isi": ("atasan", "11-menilai-kinerja-bawahan-triwulan-dan-tahunan"),
    "pegawai_daftar": ("operator", "2-daftar-pegawai-unit"),
    "pegawai_detail": ("operator", "2-daftar-pegawai-unit"),
    "pustaka_daftar": ("operator", "5-pustaka-rhk"),
    "bantuan_kotak": ("operator", "6-pertanyaan-pegawai-tanya-operator"),
    "bantuan_pertanyaan": ("operator", "6-pertanyaan-pegawai-tanya-operator"),
    "pemantauan_dasbor": ("operator", "pemantauan-pengingat-tpp"),
    "pemantauan_rincian": ("operator", "pemantauan-pengingat-tpp"),
    "pemantauan_beban": ("operator", "pemantauan-pengingat-tpp"),
    "tpp_rekap": ("operator", "pemantauan-pengingat-tpp"),
    "kurva_daftar": ("atasan", "11-menilai-kinerja-bawahan-triwulan-dan-tahunan"),
    "periode_daftar": ("admin", "8-periode-kinerja"),
    "kelola_unit": ("admin", "1-unit-kerja"),
    "kelola_jabatan": ("admin", "2-jabatan"),
    "kelola_pegawai": ("admin", "3-pegawai"),
    "kelola_operator": ("admin", "6-operator-dan-admin"),
    "kelola_impor": ("admin", "7-impor-data-dari-siasn-csvxlsx"),
}
BAGIAN_UMUM = ("umum", "bagian-bagian-layar")

# The words of the regulation every panel explains (PermenPANRB 6/2022).
ISTILAH = (
    (_("RHK"), _("rencana hasil kerja: hasil yang akan Anda capai, bukan daftar kegiatan.")),
    (_("Rencana aksi"), _("langkah nyata bulan atau triwulan ini untuk mencapai satu RHK.")),
    (
        _("Bukti dukung"),
        _("berkas atau tautan yang menunjukkan pekerjaan benar dikerjakan: foto, laporan."),
    ),
    (_("Realisasi"), _("hasil yang benar-benar dicapai tiap bulan untuk setiap indikator RHK.")),
    (
        _("Predikat"),
        _(
            "kesimpulan penilaian dari rating hasil kerja dan perilaku: Sangat Baik, Baik, "
            "Butuh Perbaikan, Kurang, Sangat Kurang."
        ),
    ),
)


def bagian_untuk(url_name: str | None) -> tuple[str, str]:
    """The (guide, anchor) that explains the page ``url_name``."""
    return PETA_BAGIAN.get(url_name or "", BAGIAN_UMUM)


@dataclass(frozen=True)
class Langkah:
    label: str
    url_name: str
    selesai: bool


def langkah_mulai(skp_ada: bool, ada_aktivitas: bool, realisasi_terkirim: bool) -> list[Langkah]:
    """The three steps of a first-time ASN, each ticked when done."""
    return [
        Langkah(_("Lengkapi SKP"), "skp_daftar", skp_ada),
        Langkah(_("Catat aktivitas hari ini"), "aktivitas_harian", ada_aktivitas),
        Langkah(_("Kirim realisasi bulanan"), "realisasi_bulanan", realisasi_terkirim),
    ]


# An unanswered question older than this many workdays is shown to the admin.
HARI_KERJA_TERTUNDA = 2


def batas_tertunda(hari_ini: dt.date, n: int, libur: Collection[dt.date]) -> dt.date:
    """The date ``n`` workdays before ``hari_ini``: a question asked before it has waited
    more than ``n`` workdays."""
    hari = hari_ini
    while n > 0:
        hari -= dt.timedelta(days=1)
        if is_hari_kerja(hari, libur):
            n -= 1
    return hari
