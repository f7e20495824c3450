"""Readable names of the sinkron actions recorded in ``Riwayat``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from pegawai.riwayat import daftarkan

daftarkan(
    {
        "sinkron.diperiksa": _("Selisih data SIASN dihitung"),
        "sinkron.dihitung_ulang": _("Selisih data SIASN dihitung ulang"),
        "sinkron.diterapkan": _("Sinkronisasi SIASN diterapkan"),
        "sinkron.ditolak": _("Sinkronisasi SIASN ditolak"),
        "sinkron.gagal": _("Sinkronisasi SIASN gagal diterapkan"),
        "sinkron.sumber_diubah": _("Sumber SIASN diatur"),
    }
)
