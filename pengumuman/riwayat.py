"""Readable names of the announcement actions recorded in ``Riwayat``."""

from django.utils.translation import gettext_lazy as _

from pegawai.riwayat import daftarkan

daftarkan(
    {
        "pengumuman.diterbitkan": _("Pengumuman diterbitkan"),
        "pengumuman.diubah": _("Pengumuman diubah"),
        "pengumuman.diakhiri": _("Pengumuman diakhiri"),
    }
)
