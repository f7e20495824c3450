"""Readable names of the calendar actions recorded in ``Riwayat``."""

from django.utils.translation import gettext_lazy as _

from pegawai.riwayat import daftarkan

daftarkan(
    {
        "libur.disimpan": _("Hari libur disimpan"),
        "libur.dihapus": _("Hari libur dihapus"),
        "libur.diimpor": _("Daftar hari libur diimpor"),
        "gangguan.dinyatakan": _("Gangguan layanan dinyatakan"),
        "gangguan.diterapkan": _("Keterlambatan yang dimaafkan gangguan layanan dihapus"),
        "gangguan.dihapus": _("Pernyataan gangguan layanan dihapus"),
    }
)
