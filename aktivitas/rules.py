"""Pure rules of execution (domain.md §3): workdays, lateness, realisation deadlines."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection

from kalender.rules import hari_kerja_setelah

# Defaults of the per-instansi settings (configurable, domain.md §3).
BATAS_HARI_KERJA_TERLAMBAT = 3
BATAS_TANGGAL_REALISASI = 5
UKURAN_BUKTI_MAKS_MB = 10
JENIS_BUKTI_DIIZINKAN = ("pdf", "jpg", "jpeg", "png", "docx", "xlsx")


def batas_entri(tanggal: dt.date, n: int, libur: Collection[dt.date]) -> dt.date:
    """Last day an activity of ``tanggal`` may be entered without being late.

    "Entered more than N workdays after its date is late": entry up to and including the
    N-th workday after the activity's date is on time.
    """
    return hari_kerja_setelah(tanggal, n, libur)


def is_terlambat(tanggal: dt.date, dientri: dt.date, n: int, libur: Collection[dt.date]) -> bool:
    return dientri > batas_entri(tanggal, n, libur)


def batas_realisasi(tahun: int, bulan: int, hari: int = BATAS_TANGGAL_REALISASI) -> dt.date:
    """Monthly realisation is due by day ``hari`` of the next month (a setting of 30 or 31
    still gives a date in February: the month's last day)."""
    tahun_berikut, bulan_berikut = (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)
    hari = max(1, min(hari, calendar.monthrange(tahun_berikut, bulan_berikut)[1]))
    return dt.date(tahun_berikut, bulan_berikut, hari)


def rentang_bulan(tahun: int, bulan: int) -> tuple[dt.date, dt.date]:
    awal = dt.date(tahun, bulan, 1)
    akhir = batas_realisasi(tahun, bulan, 1) - dt.timedelta(days=1)
    return awal, akhir


def jam_tumpang_tindih(a: tuple[dt.time, dt.time], b: tuple[dt.time, dt.time]) -> bool:
    """Two [start, end) time spans of the same day overlap."""
    return a[0] < b[1] and b[0] < a[1]
