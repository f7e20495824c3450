"""Reads of the colleagues' feedback (issue 17, point 2).

The penilai reads the answers only through :func:`ringkasan`, aggregated per BerAKHLAK
value with the count answered/asked and never a name beside an answer; the person asked
sees his own requests; the rated pegawai sees nothing of it (no selector of his reads it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from penilaian import rules
from penilaian.models import PeriodePenilaian, PermintaanUmpanBalik
from skp.models import Skp
from skp.rules import BERAKHLAK


def masuk(user) -> QuerySet[PermintaanUmpanBalik]:
    """The requests addressed to the user, unanswered first, then the newest."""
    return (
        PermintaanUmpanBalik.objects.filter(responden=user)
        .select_related("periode_penilaian__periode", "pegawai")
        .order_by("dijawab_pada", "-periode_penilaian__selesai", "-id")
    )


def permintaan_saya(user, pk: int) -> PermintaanUmpanBalik | None:
    return (
        PermintaanUmpanBalik.objects.filter(responden=user, pk=pk)
        .select_related("periode_penilaian__periode", "pegawai", "skp__jabatan")
        .first()
    )


@dataclass
class Ringkasan:
    diminta: list  # the people asked (names only: who answered is not shown)
    dijawab: int
    nilai: list  # (nilai dasar, rules.RingkasanNilaiDasar)

    @property
    def jumlah(self) -> int:
        return len(self.diminta)


def ringkasan(pp: PeriodePenilaian, skp: Skp) -> Ringkasan:
    """For the penilai: who was asked, how many answered, and the answers aggregated per
    value (``rules.ringkas_umpan_balik``).  One query."""
    baris = list(
        PermintaanUmpanBalik.objects.filter(periode_penilaian=pp, skp=skp)
        .select_related("responden")
        .order_by("responden__nama")
    )
    jawaban = [b.jawaban for b in baris if b.dijawab_pada is not None]
    kode = [n.kode for n in BERAKHLAK]
    return Ringkasan(
        [b.responden for b in baris],
        len(jawaban),
        list(zip(BERAKHLAK, rules.ringkas_umpan_balik(jawaban, kode), strict=True)),
    )
