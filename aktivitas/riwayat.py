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
    }
)
