"""Readable names of the execution actions recorded in ``Riwayat``."""

from django.utils.translation import gettext_lazy as _

from pegawai.riwayat import daftarkan

daftarkan(
    {
        "aktivitas.dicatat": _("Aktivitas dicatat"),
        "aktivitas.diubah": _("Aktivitas diubah"),
        "aktivitas.dihapus": _("Aktivitas dihapus"),
        "aktivitas.disetujui": _("Aktivitas disetujui"),
        "aktivitas.dikembalikan": _("Aktivitas dikembalikan"),
        "aktivitas.diimpor": _("Aktivitas diimpor dari berkas"),
        "aktivitas.rhk_diusulkan": _("RHK tambahan diusulkan dari aktivitas di luar SKP"),
    }
)

daftarkan(
    {
        "rencana_aksi.ditambah": _("Rencana aksi ditambahkan"),
        "rencana_aksi.dihapus": _("Rencana aksi dihapus"),
    }
)

daftarkan(
    {
        "realisasi.disiapkan": _("Realisasi bulanan disiapkan"),
        "realisasi.disimpan": _("Realisasi bulanan disimpan"),
        "realisasi.diajukan": _("Realisasi bulanan diajukan"),
        "realisasi.disetujui": _("Realisasi bulanan disetujui"),
        "realisasi.dikembalikan": _("Realisasi bulanan dikembalikan"),
        "umpan_balik.ditulis": _("Umpan balik ditulis"),
    }
)

daftarkan(
    {
        "bukti.diunggah": _("Bukti dukung diunggah"),
        "bukti.ditautkan": _("Tautan bukti dukung ditambahkan"),
        "bukti.dihapus": _("Bukti dukung dihapus"),
    }
)

daftarkan(
    {
        "kuasa.diberikan": _("Kuasa pengisian diberikan"),
        "kuasa.dicabut": _("Kuasa pengisian dicabut"),
    }
)
