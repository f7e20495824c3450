"""Pure rules of the appraisal (domain.md §4–5): the predikat matrix, the distribution curve,
evaluation windows, angka kredit and the TPP computation.

No database and no request here: every function takes plain values and returns plain values,
so it can be tested on every cell of every table.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Rating(StrEnum):
    """Rating hasil kerja and rating perilaku kerja (domain.md §4)."""

    DI_ATAS = "di_atas"
    SESUAI = "sesuai"
    DI_BAWAH = "di_bawah"


LABEL_RATING = {
    Rating.DI_ATAS: _("Di Atas Ekspektasi"),
    Rating.SESUAI: _("Sesuai Ekspektasi"),
    Rating.DI_BAWAH: _("Di Bawah Ekspektasi"),
}


class Predikat(StrEnum):
    """Predikat kinerja pegawai."""

    SANGAT_BAIK = "sangat_baik"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"  # "Kurang/Misconduct"
    SANGAT_KURANG = "sangat_kurang"


LABEL_PREDIKAT = {
    Predikat.SANGAT_BAIK: _("Sangat Baik"),
    Predikat.BAIK: _("Baik"),
    Predikat.BUTUH_PERBAIKAN: _("Butuh Perbaikan"),
    Predikat.KURANG: _("Kurang/Misconduct"),
    Predikat.SANGAT_KURANG: _("Sangat Kurang"),
}


class PredikatOrganisasi(StrEnum):
    """Predikat kinerja organisasi, set per unit per year by the leadership above."""

    ISTIMEWA = "istimewa"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"


LABEL_PREDIKAT_ORGANISASI = {
    PredikatOrganisasi.ISTIMEWA: _("Istimewa"),
    PredikatOrganisasi.BAIK: _("Baik"),
    PredikatOrganisasi.BUTUH_PERBAIKAN: _("Butuh Perbaikan"),
    PredikatOrganisasi.KURANG: _("Kurang"),
    PredikatOrganisasi.SANGAT_KURANG: _("Sangat Kurang"),
}


class JenisPeriode(StrEnum):
    """Evaluation windows: periodic (one of the first three, an instansi option) and annual."""

    BULANAN = "bulanan"
    TRIWULAN = "triwulan"
    SEMESTER = "semester"
    TAHUNAN = "tahunan"


LABEL_JENIS_PERIODE = {
    JenisPeriode.BULANAN: _("Bulanan"),
    JenisPeriode.TRIWULAN: _("Triwulan"),
    JenisPeriode.SEMESTER: _("Semester"),
    JenisPeriode.TAHUNAN: _("Tahunan"),
}

# Defaults of the per-instansi settings (domain.md: *configurable*).
HARI_KEBERATAN = 14  # the pegawai may object within 14 days of receiving the annual predikat
HARI_BATAS_PERIODIK = 10  # the atasan rates within N days after a periodic window ends
HARI_BATAS_TAHUNAN = 31  # … and within N days after the year ends
