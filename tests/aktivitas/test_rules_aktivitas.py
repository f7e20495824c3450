"""The pure rules of execution: workdays, lateness, realisation deadlines (every case)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aktivitas import rules
from kalender.rules import is_hari_kerja

RABU = dt.date(2026, 3, 11)
LIBUR = {dt.date(2026, 3, 13)}  # a Friday holiday


@pytest.mark.parametrize(
    ("tanggal", "hasil"),
    [
        (RABU, True),
        (dt.date(2026, 3, 14), False),
        (dt.date(2026, 3, 15), False),
        (dt.date(2026, 3, 13), False),
    ],
)
def test_hari_kerja(tanggal, hasil):
    assert is_hari_kerja(tanggal, LIBUR) is hasil


def test_batas_entri_melewati_akhir_pekan_dan_libur():
    # Wednesday + 3 workdays: Thu 12, (Fri 13 holiday), Mon 16, Tue 17.
    assert rules.batas_entri(RABU, 3, LIBUR) == dt.date(2026, 3, 17)
    assert not rules.is_terlambat(RABU, dt.date(2026, 3, 17), 3, LIBUR)
    assert rules.is_terlambat(RABU, dt.date(2026, 3, 18), 3, LIBUR)
    assert rules.batas_entri(RABU, 0, LIBUR) == RABU


@pytest.mark.parametrize(
    ("tahun", "bulan", "hari", "hasil"),
    [
        (2026, 3, 5, dt.date(2026, 4, 5)),
        (2026, 12, 5, dt.date(2027, 1, 5)),
        (2026, 1, 31, dt.date(2026, 2, 28)),
        (2028, 1, 30, dt.date(2028, 2, 29)),
    ],
)
def test_batas_realisasi(tahun, bulan, hari, hasil):
    assert rules.batas_realisasi(tahun, bulan, hari) == hasil


def test_rentang_bulan_dan_tumpang_tindih():
    assert rules.rentang_bulan(2026, 2) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    t = dt.time
    assert rules.jam_tumpang_tindih((t(8), t(9)), (t(8, 30), t(10)))
    assert not rules.jam_tumpang_tindih((t(8), t(9)), (t(9), t(10)))  # back to back is fine


@given(
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.integers(min_value=0, max_value=10),
)
def test_batas_entri_adalah_hari_kerja_ke_n(tanggal, n):
    batas = rules.batas_entri(tanggal, n, LIBUR)
    hari = [tanggal + dt.timedelta(days=i) for i in range(1, (batas - tanggal).days + 1)]
    assert sum(is_hari_kerja(h, LIBUR) for h in hari) == n
    assert n == 0 or is_hari_kerja(batas, LIBUR)
