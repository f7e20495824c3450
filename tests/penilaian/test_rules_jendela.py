"""Evaluation windows and the objection deadline (pure rules)."""

import datetime as dt

import pytest

from penilaian import rules

D = dt.date


def test_triwulan_2026_dan_tahunan():
    j = rules.jendela_penilaian(D(2026, 1, 1), D(2026, 12, 31), "triwulan")
    assert [(w.jenis, w.urutan) for w in j] == [
        ("triwulan", 1),
        ("triwulan", 2),
        ("triwulan", 3),
        ("triwulan", 4),
        ("tahunan", 1),
    ]
    tw1, tw4, tahunan = j[0], j[3], j[4]
    assert (tw1.mulai, tw1.selesai, tw1.dibuka, tw1.batas) == (
        D(2026, 1, 1),
        D(2026, 3, 31),
        D(2026, 3, 1),
        D(2026, 4, 10),
    )
    assert tw4.batas == D(2027, 1, 10)  # across the year end
    assert (tahunan.dibuka, tahunan.batas) == (D(2026, 12, 1), D(2027, 1, 31))


def test_bulanan_februari_kabisat_dan_semester():
    b = rules.jendela_penilaian(D(2028, 1, 1), D(2028, 12, 31), "bulanan", 5, 20)
    assert len(b) == 13 and b[1].selesai == D(2028, 2, 29) and b[1].batas == D(2028, 3, 5)
    s = rules.jendela_penilaian(D(2026, 1, 1), D(2026, 12, 31), "semester")
    assert [(w.mulai, w.selesai) for w in s[:2]] == [
        (D(2026, 1, 1), D(2026, 6, 30)),
        (D(2026, 7, 1), D(2026, 12, 31)),
    ]


def test_periode_tidak_mulai_januari_dipotong():
    j = rules.jendela_penilaian(D(2026, 2, 15), D(2026, 12, 31), "triwulan")
    assert j[0].mulai == D(2026, 2, 15) and j[0].selesai == D(2026, 3, 31)
    assert j[-1].mulai == D(2026, 2, 15)


def test_jenis_tahunan_bukan_periodik():
    with pytest.raises(ValueError):
        rules.jendela_penilaian(D(2026, 1, 1), D(2026, 12, 31), "tahunan")


@pytest.mark.parametrize(
    ("hari_ke", "boleh"), [(-1, False), (0, True), (1, True), (14, True), (15, False)]
)
def test_jendela_keberatan_melewati_akhir_bulan(hari_ke, boleh):
    diterima = D(2027, 1, 25)
    assert rules.batas_keberatan(diterima) == D(2027, 2, 8)
    tanggal = diterima + dt.timedelta(days=hari_ke)
    assert rules.boleh_keberatan(diterima, tanggal) is boleh


def test_jangka_keberatan_tetap_14_hari_menurut_pp_30_2019():
    assert rules.HARI_KEBERATAN == 14
    assert rules.batas_keberatan(D(2027, 1, 1)) == D(2027, 1, 15)
    assert rules.boleh_keberatan(D(2027, 1, 1), D(2027, 1, 15))
    assert not rules.boleh_keberatan(D(2027, 1, 1), D(2027, 1, 16))
