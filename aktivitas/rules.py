"""Pure rules of execution (domain.md §3): workdays, lateness, realisation deadlines."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from kalender.rules import hari_kerja_setelah, is_hari_kerja

# Defaults of the per-instansi settings (configurable, domain.md §3).
BATAS_HARI_KERJA_TERLAMBAT = 3
BATAS_TANGGAL_REALISASI = 5
UKURAN_BUKTI_MAKS_MB = 10
JENIS_BUKTI_DIIZINKAN = ("pdf", "jpg", "jpeg", "png", "docx", "xlsx")


def batas_entri(
    tanggal: dt.date, n: int, libur: Collection[dt.date], gangguan: Collection[dt.date] = ()
) -> dt.date:
    """Last day an activity of ``tanggal`` may be entered without being late.

    "Entered more than N workdays after its date is late": entry up to and including the
    N-th workday after the activity's date is on time.  Days of a declared outage
    (``gangguan``, issue 16) do not count as workdays: the application could not be used.
    """
    return hari_kerja_setelah(tanggal, n, set(libur) | set(gangguan) if gangguan else libur)


def is_terlambat(
    tanggal: dt.date,
    dientri: dt.date,
    n: int,
    libur: Collection[dt.date],
    gangguan: Collection[dt.date] = (),
) -> bool:
    """Late: entered after :func:`batas_entri`.  An activity of a day of declared outage is
    never late."""
    if tanggal in gangguan:
        return False
    return dientri > batas_entri(tanggal, n, libur, gangguan)


def batas_realisasi(tahun: int, bulan: int, hari: int = BATAS_TANGGAL_REALISASI) -> dt.date:
    """Monthly realisation is due by day ``hari`` of the next month (a setting of 30 or 31
    still gives a date in February: the month's last day)."""
    tahun_berikut, bulan_berikut = (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)
    hari = max(1, min(hari, calendar.monthrange(tahun_berikut, bulan_berikut)[1]))
    return dt.date(tahun_berikut, bulan_berikut, hari)


def geser_batas_realisasi(
    tahun: int,
    bulan: int,
    batas: dt.date,
    libur: Collection[dt.date],
    gangguan: Collection[dt.date],
) -> dt.date:
    """The realisation deadline of a month after a declared outage (issue 16): the workdays
    of outage between the month's first day and its deadline (inclusive) move the deadline
    by as many workdays; outage days after it are skipped as well.  No outage: unchanged."""
    awal = dt.date(tahun, bulan, 1)
    hilang = sum(1 for d in gangguan if awal <= d <= batas and is_hari_kerja(d, libur))
    if not hilang:
        return batas
    return hari_kerja_setelah(batas, hilang, set(libur) | set(gangguan))


def hari_kerja_gangguan(
    mulai: dt.date, selesai: dt.date, libur: Collection[dt.date], gangguan: Collection[dt.date]
) -> int:
    """How many workdays of [mulai, selesai] fell in a declared outage."""
    return sum(1 for d in gangguan if mulai <= d <= selesai and is_hari_kerja(d, libur))


def rentang_bulan(tahun: int, bulan: int) -> tuple[dt.date, dt.date]:
    awal = dt.date(tahun, bulan, 1)
    akhir = batas_realisasi(tahun, bulan, 1) - dt.timedelta(days=1)
    return awal, akhir


def jam_tumpang_tindih(a: tuple[dt.time, dt.time], b: tuple[dt.time, dt.time]) -> bool:
    """Two [start, end) time spans of the same day overlap."""
    return a[0] < b[1] and b[0] < a[1]


# --- work outside the SKP (issue 17 §5) -------------------------------------------------------
# An activity linked to no RHK is work the SKP does not name (domain.md §3: "or none, as tugas
# tambahan").  A few are normal; when they are a large share of a pegawai's (or a unit's)
# activities the SKP likely misses the real work, and the atasan is shown so.
AMBANG_PERSEN_DI_LUAR_SKP = 30  # flag from this share (percent) of activities outside any RHK
MINIMAL_AKTIVITAS_DI_LUAR_SKP = 5  # fewer activities than this: too few to judge, never flagged
PANJANG_USULAN_RHK = 500


@dataclass(frozen=True)
class PorsiDiLuarSkp:
    """How many of ``jumlah`` activities are linked to no RHK, and whether that is a lot."""

    jumlah: int
    di_luar: int
    persen: int  # rounded half up, 0 when there is no activity
    tandai: bool


def porsi_di_luar_skp(
    jumlah: int,
    di_luar: int,
    *,
    ambang_persen: int = AMBANG_PERSEN_DI_LUAR_SKP,
    minimal: int = MINIMAL_AKTIVITAS_DI_LUAR_SKP,
) -> PorsiDiLuarSkp:
    """The share of activities outside the SKP, flagged when it reaches ``ambang_persen`` of
    at least ``minimal`` activities (integers only, so the boundary is exact)."""
    if jumlah < 0 or di_luar < 0 or di_luar > jumlah:
        raise ValueError("0 <= di_luar <= jumlah")
    persen = (200 * di_luar + jumlah) // (2 * jumlah) if jumlah else 0
    tandai = jumlah >= minimal and di_luar > 0 and 100 * di_luar >= ambang_persen * jumlah
    return PorsiDiLuarSkp(jumlah, di_luar, persen, tandai)


def teks_usulan_rhk(uraian: str, panjang: int = PANJANG_USULAN_RHK) -> str:
    """The RHK text proposed from an activity's description: one line of single spaces, cut
    at a word boundary to ``panjang`` characters (the pegawai edits it on the SKP page)."""
    teks = " ".join(uraian.split())
    if len(teks) <= panjang:
        return teks
    potong = teks[: panjang - 1]
    if " " in potong:
        potong = potong.rsplit(" ", 1)[0]
    return potong + "…"
