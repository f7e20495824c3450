"""Pure reminder rules (no ORM): given dates, thresholds and holidays, decide what is due.

Each function returns the *kunci* (period key) of the reminder due on ``hari_ini``/``sekarang``
or ``None``.  The key, together with the recipient and the kind, is the at-most-once key of
``Notifikasi``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from aktivitas.rules import batas_realisasi
from kalender.rules import is_hari_kerja


def bulan_sebelumnya(tanggal: dt.date) -> tuple[int, int]:
    return (tanggal.year - 1, 12) if tanggal.month == 1 else (tanggal.year, tanggal.month - 1)


def kunci_aktivitas_kosong(
    sekarang: dt.datetime, jam: dt.time, libur: Collection[dt.date]
) -> str | None:
    """ "No activity logged on a workday by the set hour": due from ``jam`` on a workday."""
    hari = sekarang.date()
    if not is_hari_kerja(hari, libur) or sekarang.time() < jam:
        return None
    return hari.isoformat()


def realisasi_jatuh_tempo(
    hari_ini: dt.date, batas_tanggal: int, hari_sebelum: int, batas: dt.date | None = None
) -> tuple[str, str] | None:
    """Monthly realisation reminder for the month whose deadline is nearest.

    Returns ``("menjelang" | "terlewat", "YYYY-MM")``: *menjelang* within ``hari_sebelum``
    calendar days before the deadline (inclusive of the deadline day), *terlewat* the day after
    it until the end of that month.  The realisation due is the previous month's; ``batas``,
    when given, is its deadline moved by a declared outage (issue 16).
    """
    tahun, bulan = bulan_sebelumnya(hari_ini)
    batas = batas or batas_realisasi(tahun, bulan, batas_tanggal)
    kunci = f"{tahun:04d}-{bulan:02d}"
    if batas - dt.timedelta(days=hari_sebelum) <= hari_ini <= batas:
        return "menjelang", kunci
    if hari_ini > batas:
        return "terlewat", kunci
    return None


def hari_kerja_antara(mulai: dt.date, selesai: dt.date, libur: Collection[dt.date]) -> int:
    """Workdays after ``mulai`` up to and including ``selesai`` (0 when selesai ≤ mulai)."""
    n, hari = 0, mulai
    while hari < selesai:
        hari += dt.timedelta(days=1)
        if is_hari_kerja(hari, libur):
            n += 1
    return n


def is_tinjauan_tertunda(
    diajukan: dt.date, hari_ini: dt.date, n: int, libur: Collection[dt.date]
) -> bool:
    """A review is pending "more than N days" counting workdays only."""
    return hari_kerja_antara(diajukan, hari_ini, libur) > n


def batas_jatuh_tempo(hari_ini: dt.date, batas: dt.date | None, hari_sebelum: int) -> str | None:
    """Deadline reminder: ``"menjelang"`` within N days before (inclusive), then
    ``"terlewat"`` after it; ``None`` otherwise or without a deadline."""
    if batas is None:
        return None
    if batas - dt.timedelta(days=hari_sebelum) <= hari_ini <= batas:
        return "menjelang"
    if hari_ini > batas:
        return "terlewat"
    return None


# --- escalation and timeliness of reviews (issue 17 §3) ----------------------------------------
#: Calendar days of past reviews a penilai's timeliness is measured on.
HARI_KETEPATAN = 90
TIDAK_TERLAMBAT, TERLAMBAT, ESKALASI = 0, 1, 2


def tanggal_batas_tunda(hari_ini: dt.date, n: int, libur: Collection[dt.date]) -> dt.date:
    """The latest date from which an item still waiting today has waited more than ``n``
    workdays (everything submitted on or before it is overdue)."""
    hari = hari_ini
    while hari_kerja_antara(hari, hari_ini, libur) <= n:
        hari -= dt.timedelta(days=1)
    return hari


def tingkat_tunda(hari_menunggu: int, batas_penilai: int, batas_atasan: int) -> int:
    """How far an item waiting ``hari_menunggu`` workdays has gone: ``TIDAK_TERLAMBAT``;
    ``TERLAMBAT`` after ``batas_penilai`` workdays (the penilai is reminded); ``ESKALASI``
    after ``batas_penilai + batas_atasan`` (the penilai's own atasan and the dashboard)."""
    if hari_menunggu > batas_penilai + batas_atasan:
        return ESKALASI
    if hari_menunggu > batas_penilai:
        return TERLAMBAT
    return TIDAK_TERLAMBAT


def median_histogram(histogram: Mapping[int, int]) -> float | None:
    """The median of values given as ``{value: how many}`` (None when empty): the middle
    value, or the mean of the two middle ones."""
    total = sum(histogram.values())
    if total <= 0:
        return None
    urut = sorted((k, v) for k, v in histogram.items() if v > 0)

    def ke(i: int) -> int:  # the i-th value (0-based) in sorted order
        for nilai, jumlah in urut:
            if i < jumlah:
                return nilai
            i -= jumlah
        raise IndexError(i)

    if total % 2:
        return float(ke(total // 2))
    return (ke(total // 2 - 1) + ke(total // 2)) / 2


def persen(bagian: int, total: int) -> int | None:
    """Whole percent, rounded half up; None of nothing."""
    if total <= 0:
        return None
    return (200 * bagian + total) // (2 * total)


@dataclass(frozen=True)
class Ketepatan:
    """A penilai's timeliness: reviews done in the window and items still waiting."""

    ditinjau: int  # reviews done in the window
    menunggu: int  # items waiting today
    terlambat: int  # of both, those that waited (or wait) more than the limit
    eskalasi: int  # items waiting today beyond the second limit
    median_hari: float | None  # median workdays from submission to review (reviews done)

    @property
    def persen_terlambat(self) -> int | None:
        return persen(self.terlambat, self.ditinjau + self.menunggu)


def ketepatan(
    selesai: Mapping[int, int],
    menunggu: Mapping[int, int],
    batas_penilai: int,
    batas_atasan: int,
) -> Ketepatan:
    """Timeliness from two histograms of workdays: ``selesai`` (days it took to review each
    item reviewed in the window) and ``menunggu`` (days each still-waiting item has waited
    so far).  The median counts reviews done only (a waiting item has no review time yet);
    the share overdue counts both, so a penilai who reviews nothing is not "on time"."""
    terlambat = sum(
        n
        for hist in (selesai, menunggu)
        for hari, n in hist.items()
        if tingkat_tunda(hari, batas_penilai, batas_atasan) != TIDAK_TERLAMBAT
    )
    eskalasi = sum(
        n
        for hari, n in menunggu.items()
        if tingkat_tunda(hari, batas_penilai, batas_atasan) == ESKALASI
    )
    return Ketepatan(
        ditinjau=sum(selesai.values()),
        menunggu=sum(menunggu.values()),
        terlambat=terlambat,
        eskalasi=eskalasi,
        median_hari=median_histogram(selesai),
    )
