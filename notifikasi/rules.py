"""Pure reminder rules (no ORM): given dates, thresholds and holidays, decide what is due.

Each function returns the *kunci* (period key) of the reminder due on ``hari_ini``/``sekarang``
or ``None``.  The key, together with the recipient and the kind, is the at-most-once key of
``Notifikasi``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

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
    hari_ini: dt.date, batas_tanggal: int, hari_sebelum: int
) -> tuple[str, str] | None:
    """Monthly realisation reminder for the month whose deadline is nearest.

    Returns ``("menjelang" | "terlewat", "YYYY-MM")``: *menjelang* within ``hari_sebelum``
    calendar days before the deadline (inclusive of the deadline day), *terlewat* the day after
    it until the end of that month.  The realisation due is the previous month's.
    """
    tahun, bulan = bulan_sebelumnya(hari_ini)
    batas = batas_realisasi(tahun, bulan, batas_tanggal)
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
