"""NIP validation (domain.md §1): the dates, the sex digit, the length; PPPK by length only."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pegawai.rules import NipTidakValid, normalisasi_nip, parse_nip_pns, validasi_nip

HARI_INI = dt.date(2026, 11, 23)
VALID = "198503142010011001"


def test_nip_pns_valid_diurai():
    hasil = parse_nip_pns(VALID, hari_ini=HARI_INI)
    assert hasil.tanggal_lahir == dt.date(1985, 3, 14)
    assert hasil.tmt_pengangkatan == dt.date(2010, 1, 1)
    assert hasil.jenis_kelamin == "L"
    assert hasil.nomor_urut == 1


def test_nip_perempuan():
    assert parse_nip_pns("199002282015032002", hari_ini=HARI_INI).jenis_kelamin == "P"


def test_spasi_diabaikan():
    assert normalisasi_nip("19850314 201001 1 001") == VALID
    assert validasi_nip("19850314 201001 1 001") == VALID


@pytest.mark.parametrize(
    ("nip", "pesan"),
    [
        ("", "wajib diisi"),
        ("19850314201001100", "harus 18 digit, yang diisi 17"),
        ("1985031420100110011", "harus 18 digit, yang diisi 19"),
        ("19850314201001100A", "hanya boleh berisi angka"),
        ("198513142010011001", "bukan tanggal lahir"),  # month 13
        ("198502302010011001", "bukan tanggal lahir"),  # 30 February
        ("198503002010011001", "bukan tanggal lahir"),  # day 0
        ("198503142010131001", "bukan bulan pengangkatan"),  # month 13
        ("198503142010001001", "bukan bulan pengangkatan"),  # month 0
        ("198503141985021001", "harus sesudah bulan lahir"),  # appointed before birth
        ("198503141985031001", "harus sesudah bulan lahir"),  # appointed in birth month
        ("189903142010011001", "tidak wajar"),  # born 1899
        ("198503142010013001", "Digit ke-15"),  # sex digit 3
        ("198503142010010001", "Digit ke-15"),  # sex digit 0
        ("198503142010011000", "tidak boleh 000"),
        ("203001012050011001", "masa depan"),
    ],
)
def test_nip_pns_ditolak_dengan_pesan_jelas(nip, pesan):
    with pytest.raises(NipTidakValid, match=pesan):
        parse_nip_pns(nip, hari_ini=HARI_INI)


def test_kabisat_29_februari():
    assert parse_nip_pns("198402292010011001", hari_ini=HARI_INI).tanggal_lahir.day == 29
    with pytest.raises(NipTidakValid):
        parse_nip_pns("198502292010011001", hari_ini=HARI_INI)


def test_jenis_kelamin_harus_cocok_dengan_digit_ke_15():
    assert validasi_nip(VALID, "PNS", "L") == VALID
    with pytest.raises(NipTidakValid, match="tidak sesuai"):
        validasi_nip(VALID, "PNS", "P")


def test_pppk_hanya_panjang_dan_angka():
    # A PPPK NIP is checked for 18 digits only (domain.md: "same length").
    assert validasi_nip("199913002021139001", "PPPK") == "199913002021139001"
    with pytest.raises(NipTidakValid, match="18 digit"):
        validasi_nip("1999130020211390", "PPPK")
    with pytest.raises(NipTidakValid, match="angka"):
        validasi_nip("19991300202113900X", "PPPK")


@given(
    lahir=st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2005, 12, 31)),
    tambah_bulan=st.integers(min_value=1, max_value=12 * 40),
    kelamin=st.sampled_from("12"),
    urut=st.integers(min_value=1, max_value=999),
)
def test_setiap_nip_yang_tersusun_benar_diterima(lahir, tambah_bulan, kelamin, urut):
    total = lahir.year * 12 + lahir.month - 1 + tambah_bulan
    tahun, bulan = divmod(total, 12)
    nip = f"{lahir:%Y%m%d}{tahun:04d}{bulan + 1:02d}{kelamin}{urut:03d}"
    hari_ini = dt.date(2100, 1, 1)
    hasil = parse_nip_pns(nip, hari_ini=hari_ini)
    assert hasil.tanggal_lahir == lahir
    assert hasil.jenis_kelamin == ("L" if kelamin == "1" else "P")
    assert hasil.nomor_urut == urut


@given(st.text(alphabet="0123456789", min_size=18, max_size=18))
def test_tidak_pernah_error_selain_nip_tidak_valid(nip):
    try:
        parse_nip_pns(nip, hari_ini=HARI_INI)
    except NipTidakValid as exc:
        assert str(exc)
