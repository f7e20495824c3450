"""The pure rules of the account pages."""

import pytest

from akun import rules
from tests.akun.conftest import CHROME_ANDROID, FIREFOX_WINDOWS


@pytest.mark.parametrize(
    ("ua", "harapan"),
    [
        (CHROME_ANDROID, ("Chrome", "Android")),
        (FIREFOX_WINDOWS, ("Firefox", "Windows")),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            ("Edge", "Windows"),
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            ("Safari", "iPhone"),
        ),
        ("", ("", "")),
        ("curl/8.5.0", ("", "")),
    ],
)
def test_ringkas_user_agent(ua, harapan):
    assert rules.ringkas_user_agent(ua) == harapan


@pytest.mark.parametrize(
    ("ip", "jaringan"),
    [
        ("10.1.2.3", "10.1.2.0/24"),
        ("10.1.2.250", "10.1.2.0/24"),
        ("2001:db8:abcd:12::1", "2001:db8:abcd::/48"),
        ("", ""),
        (None, ""),
        ("bukan-ip", ""),
    ],
)
def test_jaringan_ip(ip, jaringan):
    assert rules.jaringan_ip(ip) == jaringan


def test_ip_klien_hanya_percaya_proksi_sendiri():
    # No trusted proxy: X-Forwarded-For is whatever the client wrote.
    assert rules.ip_klien("10.0.0.1", "1.2.3.4", 0) == "10.0.0.1"
    # One proxy of ours: the address it appended (the rightmost), never the forged left one.
    assert rules.ip_klien("10.0.0.1", "6.6.6.6, 1.2.3.4", 1) == "1.2.3.4"
    assert rules.ip_klien("10.0.0.1", "6.6.6.6, 1.2.3.4, 10.0.0.9", 2) == "1.2.3.4"
    assert rules.ip_klien("10.0.0.1", "", 1) == "10.0.0.1"


def test_perangkat_baru_tidak_untuk_masuk_pertama():
    a = ("Chrome", "Android", "10.1.2.0/24")
    b = ("Firefox", "Windows", "10.1.2.0/24")
    assert not rules.perangkat_baru(a, set(), pernah_masuk=False)
    assert not rules.perangkat_baru(a, {a}, pernah_masuk=True)
    assert rules.perangkat_baru(b, {a}, pernah_masuk=True)


@pytest.mark.parametrize(
    ("peran", "atasan_diwajibkan", "wajib"),
    [
        ({"superuser": True}, False, True),
        ({"admin": True}, False, True),
        ({"operator": True}, False, True),
        ({"atasan": True}, False, False),
        ({"atasan": True}, True, True),
        ({}, True, False),
        ({}, False, False),
    ],
)
def test_wajib_dua_langkah(peran, atasan_diwajibkan, wajib):
    semua = {"superuser": False, "admin": False, "operator": False, "atasan": False, **peran}
    assert rules.wajib_dua_langkah(**semua, atasan_diwajibkan=atasan_diwajibkan) is wajib


def test_tahap():
    assert rules.tahap_dua_langkah(punya_perangkat=True, wajib=False) == rules.TAHAP_VERIFIKASI
    assert rules.tahap_dua_langkah(punya_perangkat=False, wajib=True) == rules.TAHAP_SETEL
    assert rules.tahap_dua_langkah(punya_perangkat=False, wajib=False) == rules.TAHAP_BEBAS
