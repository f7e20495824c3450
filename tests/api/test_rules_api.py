"""The API's pure functions: token format and hash, the rate-limit window, the cursor."""

import datetime as dt
import hashlib

import pytest

from api import rules


def test_token_baru_acak_berawalan_dan_hash_sha256():
    token, awalan, hash_ = rules.buat_token()
    lain = rules.buat_token()[0]
    assert token != lain
    assert token.startswith(awalan + "_") and awalan.startswith("ekn_") and len(awalan) == 12
    assert hash_ == hashlib.sha256(token.encode()).hexdigest()
    assert rules.bentuk_sah(token)


@pytest.mark.parametrize("teks", ["", "ekn_", "abc", "ekn_12345678x" + "a" * 40, "ekn_1234_abc"])
def test_bentuk_tidak_sah(teks):
    assert not rules.bentuk_sah(teks)


def test_jendela_laju():
    t = dt.datetime(2026, 3, 2, 8, 0, 45, tzinfo=dt.UTC)
    jendela, sisa = rules.jendela_laju(t)
    assert sisa == 15
    assert rules.jendela_laju(t + dt.timedelta(seconds=14))[0] == jendela
    assert rules.jendela_laju(t + dt.timedelta(seconds=15))[0] == jendela + 1


def test_kursor_bolak_balik_dan_rusak():
    k = rules.kode_kursor(dt.date(2026, 3, 2), dt.time(8, 30), 42)
    assert rules.baca_kursor(k) == (dt.date(2026, 3, 2), dt.time(8, 30), 42)
    for rusak in ["%%%", "abc", rules.kode_kursor(dt.date(2026, 3, 2), dt.time(8), 1)[:-3]]:
        with pytest.raises(ValueError):
            rules.baca_kursor(rusak)
