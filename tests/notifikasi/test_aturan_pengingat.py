"""Pure reminder rules across date boundaries (month end, February, holidays, weekend)."""

import datetime as dt

from notifikasi import rules

D = dt.date
JAM = dt.time(16, 0)


def test_aktivitas_kosong_hanya_hari_kerja_setelah_jam():
    # Wednesday 11 March 2026
    assert rules.kunci_aktivitas_kosong(dt.datetime(2026, 3, 11, 16, 0), JAM, set()) == "2026-03-11"
    assert rules.kunci_aktivitas_kosong(dt.datetime(2026, 3, 11, 15, 59), JAM, set()) is None
    # Saturday / Sunday
    assert rules.kunci_aktivitas_kosong(dt.datetime(2026, 3, 14, 17, 0), JAM, set()) is None
    assert rules.kunci_aktivitas_kosong(dt.datetime(2026, 3, 15, 17, 0), JAM, set()) is None


def test_aktivitas_kosong_libur_nasional_dan_instansi():
    libur_nasional = {D(2026, 8, 17)}
    libur_instansi = {D(2026, 8, 18)}
    semua = libur_nasional | libur_instansi
    assert rules.kunci_aktivitas_kosong(dt.datetime(2026, 8, 17, 17), JAM, semua) is None
    assert rules.kunci_aktivitas_kosong(dt.datetime(2026, 8, 18, 17), JAM, semua) is None
    assert rules.kunci_aktivitas_kosong(dt.datetime(2026, 8, 19, 17), JAM, semua) == "2026-08-19"


def test_realisasi_akhir_bulan_dan_tahun():
    # Deadline for March = 5 April; 2 days before → 3 April.
    assert rules.realisasi_jatuh_tempo(D(2026, 4, 2), 5, 2) is None
    assert rules.realisasi_jatuh_tempo(D(2026, 4, 3), 5, 2) == ("menjelang", "2026-03")
    assert rules.realisasi_jatuh_tempo(D(2026, 4, 5), 5, 2) == ("menjelang", "2026-03")
    assert rules.realisasi_jatuh_tempo(D(2026, 4, 6), 5, 2) == ("terlewat", "2026-03")
    # 31 March → still April's? no: on 31 March the due month is February (deadline 5 March).
    assert rules.realisasi_jatuh_tempo(D(2026, 3, 31), 5, 2) == ("terlewat", "2026-02")
    # 1 April: the due month switches to March, deadline not near yet.
    assert rules.realisasi_jatuh_tempo(D(2026, 4, 1), 5, 2) is None
    # December is due in January of the next year.
    assert rules.realisasi_jatuh_tempo(D(2027, 1, 4), 5, 2) == ("menjelang", "2026-12")


def test_realisasi_batas_31_jatuh_di_akhir_februari():
    # Setting 31 → the January realisation is due on 28 Feb 2026.
    assert rules.realisasi_jatuh_tempo(D(2026, 2, 26), 31, 2) == ("menjelang", "2026-01")
    assert rules.realisasi_jatuh_tempo(D(2026, 2, 28), 31, 2) == ("menjelang", "2026-01")
    assert rules.realisasi_jatuh_tempo(D(2026, 2, 25), 31, 2) is None


def test_tinjauan_tertunda_menghitung_hari_kerja():
    # Submitted Thursday 12 March 2026; N = 3 workdays.
    kamis = D(2026, 3, 12)
    assert not rules.is_tinjauan_tertunda(kamis, D(2026, 3, 17), 3, set())  # Fri, Mon, Tue
    assert rules.is_tinjauan_tertunda(kamis, D(2026, 3, 18), 3, set())
    # A holiday on Monday the 16th pushes it one workday further.
    libur = {D(2026, 3, 16)}
    assert not rules.is_tinjauan_tertunda(kamis, D(2026, 3, 18), 3, libur)
    assert rules.is_tinjauan_tertunda(kamis, D(2026, 3, 19), 3, libur)


def test_batas_skp_atau_penilaian():
    batas = D(2026, 1, 31)
    assert rules.batas_jatuh_tempo(D(2026, 1, 23), batas, 7) is None
    assert rules.batas_jatuh_tempo(D(2026, 1, 24), batas, 7) == "menjelang"
    assert rules.batas_jatuh_tempo(D(2026, 1, 31), batas, 7) == "menjelang"
    assert rules.batas_jatuh_tempo(D(2026, 2, 1), batas, 7) == "terlewat"
    assert rules.batas_jatuh_tempo(D(2026, 2, 1), None, 7) is None
