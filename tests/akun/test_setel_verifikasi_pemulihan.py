"""Setting up the authenticator app, the code at login, and a recovery code."""

import re

from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from akun.models import RiwayatMasuk
from pegawai.models import Riwayat
from tests.akun.conftest import kode_totp, lewati_dua_langkah, masuk

SETEL = reverse("akun_dua_langkah_setel")


def test_setel_qr_kode_salah_lalu_benar(client, org):
    masuk(client, org.admin)
    r = client.get(SETEL)
    html = r.content.decode()
    assert r.status_code == 200
    # The QR code is an <img> with a data: URL (no inline script or style for the CSP).
    assert re.search(r'<img src="data:image/svg\+xml[^"]+" alt="[^"]+"', html)
    assert "<script>" not in html and "style=" not in html
    assert len(r.content) < 30 * 1024
    perangkat = TOTPDevice.objects.get(user=org.admin, confirmed=False)
    # Reloading keeps the same secret (the QR already scanned stays valid).
    client.get(SETEL)
    assert TOTPDevice.objects.filter(user=org.admin).count() == 1

    r = client.post(SETEL, {"kode": "12345"})
    assert r.status_code == 400
    assert 'id="id_kode_error">Kode terdiri atas 6 angka.' in r.content.decode()
    salah = f"{(int(kode_totp(perangkat)) + 1) % 1_000_000:06d}"
    r = client.post(SETEL, {"kode": salah})
    assert r.status_code == 400 and "Kode tidak cocok" in r.content.decode()
    assert not TOTPDevice.objects.get(pk=perangkat.pk).confirmed
    assert RiwayatMasuk.objects.filter(
        pegawai=org.admin, jenis="dua_langkah", berhasil=False
    ).exists()

    perangkat.throttle_reset()  # django-otp's own back-off after a wrong code
    r = client.post(SETEL, {"kode": kode_totp(perangkat), "next": reverse("kelola_unit")})
    assert r.status_code == 200
    html = r.content.decode()
    kode = StaticToken.objects.filter(device__user=org.admin).values_list("token", flat=True)
    assert len(kode) == 10 and all(k in html for k in kode)
    assert reverse("kelola_unit") in html  # "continue" leads where he was going
    assert "no-cache" in r["Cache-Control"]
    assert TOTPDevice.objects.get(pk=perangkat.pk).confirmed
    assert client.get(reverse("kelola_unit")).status_code == 200
    assert Riwayat.objects.filter(
        aksi="akun.dua_langkah_diaktifkan", pelaku=org.admin, subjek=org.admin
    ).exists()
    # Once on, the set-up page cannot add a second app.
    assert client.get(SETEL)["Location"] == reverse("akun_dua_langkah")


def test_setel_tidak_bisa_menambah_perangkat_sebelum_verifikasi(client, org, buat_totp):
    """Someone who only knows the password cannot register his own phone."""
    buat_totp(org.admin)
    masuk(client, org.admin)
    assert client.get(SETEL)["Location"].startswith(reverse("akun_dua_langkah_verifikasi"))
    assert TOTPDevice.objects.filter(user=org.admin).count() == 1


def test_verifikasi_saat_masuk_dicatat(client, org, buat_totp):
    perangkat = buat_totp(org.operator)
    masuk(client, org.operator)
    r = client.post(reverse("akun_dua_langkah_verifikasi"), {"kode": "000000"})
    assert r.status_code == 400
    assert "Kode salah" in r.content.decode()
    perangkat.throttle_reset()
    assert lewati_dua_langkah(client, perangkat)["Location"] == reverse("beranda")
    assert client.get(reverse("pegawai_daftar")).status_code == 200
    masuk_row = RiwayatMasuk.objects.get(pegawai=org.operator, jenis="masuk")
    assert masuk_row.berhasil and masuk_row.dengan_dua_langkah
    langkah = RiwayatMasuk.objects.filter(pegawai=org.operator, jenis="dua_langkah")
    assert sorted(langkah.values_list("berhasil", flat=True)) == [False, True]
    # The same code cannot be used twice (a code seen over a shoulder is spent).
    client.post(reverse("keluar"))
    masuk(client, org.operator)
    r = client.post(reverse("akun_dua_langkah_verifikasi"), {"kode": kode_totp(perangkat)})
    assert r.status_code == 400


def test_kode_pemulihan_sekali_pakai(client, org, buat_totp):
    masuk(client, org.admin)
    perangkat = TOTPDevice.objects.create(user=org.admin, name="x", confirmed=False)
    r = client.post(SETEL, {"kode": kode_totp(perangkat)})
    kode = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", r.content.decode())
    assert len(kode) == 10
    client.post(reverse("keluar"))

    masuk(client, org.admin)
    pemulihan = reverse("akun_dua_langkah_pemulihan")
    r = client.get(reverse("akun_dua_langkah_verifikasi"))
    assert pemulihan in r.content.decode()
    r = client.post(pemulihan, {"kode": kode[0].upper()}, follow=True)
    assert r.redirect_chain[-1][0] == reverse("beranda")
    assert "Sisa kode: 9" in r.content.decode()
    assert Riwayat.objects.filter(aksi="akun.kode_pemulihan_dipakai", subjek=org.admin).exists()
    client.post(reverse("keluar"))

    masuk(client, org.admin)
    r = client.post(pemulihan, {"kode": kode[0]})
    assert r.status_code == 400 and "sudah dipakai" in r.content.decode()
    assert client.get(reverse("beranda"))["Location"].startswith(
        reverse("akun_dua_langkah_verifikasi")
    )


def test_kode_pemulihan_baru_dan_matikan_bagi_yang_tidak_wajib(client, org):
    masuk(client, org.staf)
    perangkat = TOTPDevice.objects.create(user=org.staf, name="x", confirmed=False)
    r = client.post(SETEL, {"kode": kode_totp(perangkat)})
    lama = set(re.findall(r"<li><code>([a-z2-7]{8})</code></li>", r.content.decode()))
    url = reverse("akun_dua_langkah_kode_baru")
    assert client.get(url).status_code == 200  # asks first
    r = client.post(url)
    baru = set(re.findall(r"<li><code>([a-z2-7]{8})</code></li>", r.content.decode()))
    assert len(baru) == 10 and not baru & lama
    assert set(StaticToken.objects.values_list("token", flat=True)) == baru

    ringkasan = client.get(reverse("akun_dua_langkah")).content.decode()
    assert reverse("akun_dua_langkah_matikan") in ringkasan
    r = client.post(reverse("akun_dua_langkah_matikan"), {"kode": "000000"})
    assert r.status_code == 400 and TOTPDevice.objects.filter(user=org.staf).exists()
    perangkat.refresh_from_db()
    perangkat.throttle_reset()
    r = client.post(reverse("akun_dua_langkah_matikan"), {"kode": kode_totp(perangkat, 1)})
    assert r["Location"] == reverse("akun_dua_langkah")
    assert not TOTPDevice.objects.filter(user=org.staf).exists()
    assert not StaticToken.objects.exists()
    assert Riwayat.objects.filter(aksi="akun.dua_langkah_dimatikan", subjek=org.staf).exists()


def test_peran_wajib_tidak_bisa_mematikan(client, org, buat_totp):
    perangkat = buat_totp(org.admin)
    masuk(client, org.admin)
    lewati_dua_langkah(client, perangkat)
    assert (
        reverse("akun_dua_langkah_matikan")
        not in client.get(reverse("akun_dua_langkah")).content.decode()
    )
    r = client.post(reverse("akun_dua_langkah_matikan"), {"kode": kode_totp(perangkat, 1)})
    assert r.status_code == 403
    assert TOTPDevice.objects.filter(user=org.admin).exists()
