"""Readable names of the bantuan actions recorded in ``Riwayat``."""

from django.utils.translation import gettext_lazy as _

from pegawai.riwayat import daftarkan

daftarkan(
    {
        "bantuan.ditanyakan": _("Pertanyaan dikirim kepada operator"),
        "bantuan.dijawab": _("Pertanyaan dijawab"),
        "bantuan.selesai": _("Pertanyaan ditandai selesai"),
        "bantuan.langkah_ditutup": _("Langkah awal ditutup"),
        "bantuan.langkah_dibuka": _("Langkah awal dibuka lagi"),
    }
)
