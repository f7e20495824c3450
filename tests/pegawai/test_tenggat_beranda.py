"""The home page's deadline rules: days late and how soon a deadline is (pure functions)."""

import datetime as dt

import pytest

from pegawai import rules

H = dt.date(2026, 1, 30)  # a Friday near a month end


@pytest.mark.parametrize(
    ("batas", "hari"),
    [
        (H, 0),  # the day itself is not late
        (H + dt.timedelta(days=5), 0),
        (H - dt.timedelta(days=1), 1),
        (dt.date(2025, 12, 31), 30),  # across a year end
        (dt.date(2026, 1, 1), 29),
    ],
)
def test_hari_terlambat(batas, hari):
    assert rules.hari_terlambat(batas, H) == hari


def test_hari_terlambat_melewati_akhir_februari():
    assert rules.hari_terlambat(dt.date(2026, 2, 27), dt.date(2026, 3, 2)) == 3


@pytest.mark.parametrize(
    ("batas", "tingkat"),
    [
        (H - dt.timedelta(days=1), rules.TERLAMBAT),
        (H, rules.HARI_INI),
        (H + dt.timedelta(days=1), rules.MINGGU_INI),
        (H + dt.timedelta(days=7), rules.MINGGU_INI),
        (H + dt.timedelta(days=8), rules.NANTI),
        (None, rules.NANTI),
    ],
)
def test_tingkat_tenggat(batas, tingkat):
    assert rules.tingkat_tenggat(batas, H) == tingkat
