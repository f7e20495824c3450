"""Pure rules of the workday calendar (domain.md §3): which days are workdays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

# The longest outage one declaration may cover (days): bounds every window read around it.
MAKS_HARI_GANGGUAN = 31


def is_hari_kerja(tanggal: dt.date, libur: Collection[dt.date]) -> bool:
    """Monday to Friday, except national holidays and cuti bersama."""
    return tanggal.weekday() < 5 and tanggal not in libur


def hari_kerja_setelah(tanggal: dt.date, n: int, libur: Collection[dt.date]) -> dt.date:
    """The n-th workday after ``tanggal`` (n ≥ 0; n = 0 is ``tanggal`` itself)."""
    hari = tanggal
    while n > 0:
        hari += dt.timedelta(days=1)
        if is_hari_kerja(hari, libur):
            n -= 1
    return hari


def hari_dalam_rentang(
    rentang: Iterable[tuple[dt.date, dt.date]], mulai: dt.date, selesai: dt.date
) -> set[dt.date]:
    """Every day of the given [first, last] ranges (a declared outage) that falls between
    ``mulai`` and ``selesai``."""
    hasil: set[dt.date] = set()
    for awal, akhir in rentang:
        hari = max(awal, mulai)
        while hari <= min(akhir, selesai):
            hasil.add(hari)
            hari += dt.timedelta(days=1)
    return hasil
