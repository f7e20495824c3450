"""Feedback (umpan balik / dialog kinerja, domain.md §3): per RHK per month, a dated thread
between the pegawai and his pejabat penilai.

Who takes part: the RHK's owner, an operator of his unit (on his behalf, recorded as such),
and the pejabat penilai of that month — on its last day, or today while the month runs (a
Plt or Plh acting on that day included).  Nobody else reads the thread.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aktivitas import rules
from aktivitas.models import UmpanBalik
from aktivitas.services.harian import sebagai_pengisi, wajib_penilai
from pegawai.models import Pegawai, Riwayat
from pegawai.services.organisasi import catat_riwayat
from skp.models import RencanaHasilKerja

PANJANG_MAKS = 4000


def tanggal_acuan(tahun: int, bulan: int, hari_ini: dt.date | None = None) -> list[dt.date]:
    """The days whose pejabat penilai takes part in a month's thread."""
    hari_ini = hari_ini or timezone.localdate()
    awal, akhir = rules.rentang_bulan(tahun, bulan)
    return [akhir, hari_ini] if awal <= hari_ini < akhir else [akhir]


def bulan_dalam_skp(rhk: RencanaHasilKerja, tahun: int, bulan: int) -> bool:
    awal, akhir = rules.rentang_bulan(tahun, bulan)
    return rhk.skp.mulai <= akhir and rhk.skp.selesai >= awal


def peserta_umpan_balik(aktor: Pegawai, rhk: RencanaHasilKerja, tahun: int, bulan: int) -> str:
    """The capacity in which ``aktor`` takes part in the thread, or PermissionDenied."""
    pegawai = rhk.skp.pegawai
    try:
        return sebagai_pengisi(aktor, pegawai)
    except PermissionDenied:
        pass
    for tanggal in tanggal_acuan(tahun, bulan):
        try:
            wajib_penilai(aktor, pegawai, tanggal)
        except PermissionDenied:
            continue
        return Riwayat.Sebagai.ATASAN
    raise PermissionDenied(
        _("Hanya pegawai, operatornya, dan pejabat penilainya yang dapat membuka umpan balik ini.")
    )


@transaction.atomic
def tulis_umpan_balik(
    aktor: Pegawai, rhk: RencanaHasilKerja, tahun: int, bulan: int, teks: str
) -> UmpanBalik:
    """Add one message to the thread of an RHK in a month."""
    sebagai = peserta_umpan_balik(aktor, rhk, tahun, bulan)
    if not bulan_dalam_skp(rhk, tahun, bulan):
        raise ValidationError(_("Bulan ini di luar masa berlaku SKP."))
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({"teks": _("Umpan balik wajib diisi.")})
    if len(teks) > PANJANG_MAKS:
        raise ValidationError({"teks": _("Paling banyak %(n)d karakter.") % {"n": PANJANG_MAKS}})
    pesan = UmpanBalik.objects.create(rhk=rhk, tahun=tahun, bulan=bulan, penulis=aktor, teks=teks)
    catat_riwayat(
        pelaku=aktor,
        subjek=rhk.skp.pegawai,
        objek=pesan,
        aksi="umpan_balik.ditulis",
        sebagai=sebagai,
        data={"rhk": rhk.pk, "tahun": tahun, "bulan": bulan},
    )
    return pesan
