"""Readable names of the notifikasi actions recorded in ``Riwayat``."""

from django.utils.translation import gettext_lazy as _

from pegawai.riwayat import daftarkan

daftarkan(
    {
        "notifikasi.pengingat_manual": _("Pengingat dikirim manual"),
        "notifikasi.preferensi_diubah": _("Preferensi notifikasi diubah"),
        "notifikasi.pengaturan_diubah": _("Pengaturan pengingat instansi diubah"),
    }
)
