"""Declared outages as the filling pages and the deadlines see them (issue 16): the
realisation deadline moved by the outage's workdays, and what a day or a month page says.
Every read comes from the cached calendar (``kalender.selectors``): no query once cached."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from aktivitas import rules
from aktivitas.selectors.pengaturan import pengaturan_kinerja
from kalender.rules import MAKS_HARI_GANGGUAN
from kalender.selectors import Gangguan, gangguan, hari_gangguan, hari_libur


def batas_realisasi_asli(instansi_id: int | None, tahun: int, bulan: int) -> dt.date:
    """The deadline of a month's realisation from the instansi's setting (default day 5)."""
    hari = (
        pengaturan_kinerja(instansi_id).batas_tanggal_realisasi
        if instansi_id
        else rules.BATAS_TANGGAL_REALISASI
    )
    return rules.batas_realisasi(tahun, bulan, hari)


@dataclass
class BatasRealisasi:
    asli: dt.date
    berlaku: dt.date  # moved by a declared outage, else the same
    hari_gangguan: int = 0  # workdays of outage between the month's start and its deadline
    gangguan: list[Gangguan] = field(default_factory=list)

    @property
    def bergeser(self) -> bool:
        return self.berlaku != self.asli


def batas_realisasi(instansi_id: int | None, tahun: int, bulan: int) -> BatasRealisasi:
    """A month's realisation deadline, moved by the outages declared up to it."""
    asli = batas_realisasi_asli(instansi_id, tahun, bulan)
    awal = dt.date(tahun, bulan, 1)
    # The moved deadline stays within a few weeks of the original: an outage is ≤ 31 days.
    akhir = asli + dt.timedelta(days=3 * MAKS_HARI_GANGGUAN + 30)
    libur = hari_libur(instansi_id, awal, akhir)
    hari = hari_gangguan(instansi_id, awal, akhir)
    berlaku = rules.geser_batas_realisasi(tahun, bulan, asli, libur, hari)
    return BatasRealisasi(
        asli=asli,
        berlaku=berlaku,
        hari_gangguan=rules.hari_kerja_gangguan(awal, asli, libur, hari),
        gangguan=gangguan(instansi_id, awal, berlaku) if hari else [],
    )


def gangguan_tanggal(instansi_id: int | None, tanggal: dt.date) -> list[Gangguan]:
    """The outages declared for a day (its day page says its activities are not late)."""
    return gangguan(instansi_id, tanggal, tanggal)
