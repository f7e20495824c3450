"""Guessing the 6 digits is throttled like the password: a few wrong codes lock the step."""

from django.test import Client
from django.urls import reverse

from tests.akun.conftest import kode_totp, masuk

VERIFIKASI = reverse("akun_dua_langkah_verifikasi")


def test_lima_kode_salah_mengunci_langkah_kedua(client, org, buat_totp, settings):
    settings.EKINERJA_MASUK_BATAS_GAGAL = 5
    perangkat = buat_totp(org.admin)
    masuk(client, org.admin)
    for _ in range(4):
        r = client.post(VERIFIKASI, {"kode": "000000"})
        assert "Kode salah" in r.content.decode()
    r = client.post(VERIFIKASI, {"kode": "000000"})
    assert "Terlalu banyak kode yang salah" in r.content.decode()
    # Locked: even the right code is refused now, also from another session and for recovery.
    perangkat.throttle_reset()
    r = client.post(VERIFIKASI, {"kode": kode_totp(perangkat)})
    assert r.status_code == 400 and "Terlalu banyak kode yang salah" in r.content.decode()
    lain = Client()
    masuk(lain, org.admin)
    r = lain.post(VERIFIKASI, {"kode": kode_totp(perangkat)})
    assert "Terlalu banyak kode yang salah" in r.content.decode()
    r = lain.post(reverse("akun_dua_langkah_pemulihan"), {"kode": "abcdefgh"})
    assert "Terlalu banyak kode yang salah" in r.content.decode()
    assert lain.get(reverse("beranda"))["Location"].startswith(VERIFIKASI)


def test_kunci_kode_terpisah_dari_kunci_kata_sandi(client, org, buat_totp, settings):
    settings.EKINERJA_MASUK_BATAS_GAGAL = 2
    buat_totp(org.admin)
    masuk(client, org.admin)
    client.post(VERIFIKASI, {"kode": "000000"})
    client.post(VERIFIKASI, {"kode": "000000"})
    # The second step is locked; the password step of the same NIP is not.
    assert masuk(Client(), org.admin).status_code == 302
    # And a right code after a wrong one (below the limit) passes.
    settings.EKINERJA_MASUK_BATAS_GAGAL = 5
    lain = Client()
    masuk(lain, org.operator)
    perangkat_op = buat_totp(org.operator)
    lain.post(VERIFIKASI, {"kode": "000000"})
    perangkat_op.refresh_from_db()
    perangkat_op.throttle_reset()
    assert lain.post(VERIFIKASI, {"kode": kode_totp(perangkat_op)})["Location"] == "/"
