"""The user sees his open sessions and ends another one: that client is out at once."""

import datetime as dt
from unittest import mock

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from akun.models import SesiPengguna
from pegawai.models import Riwayat
from tests.akun.conftest import FIREFOX_WINDOWS, masuk


def test_mengakhiri_sesi_lain_langsung_berlaku(client, org):
    curian = Client()
    masuk(curian, org.staf, ua=FIREFOX_WINDOWS, ip="10.50.0.9")
    assert curian.get(reverse("beranda")).status_code == 200
    masuk(client, org.staf)
    r = client.get(reverse("akun_sesi"))
    html = r.content.decode()
    assert "Firefox di Windows" in html and "Chrome di Android" in html and "Sesi ini" in html
    lain = SesiPengguna.objects.get(pegawai=org.staf, peramban="Firefox")
    url = reverse("akun_sesi_akhiri", args=[lain.pk])
    assert url in html
    assert client.get(url).status_code == 200  # asks first
    assert curian.get(reverse("beranda")).status_code == 200
    r = client.post(url)
    assert r["Location"] == reverse("akun_sesi")
    r = curian.get(reverse("beranda"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("masuk"))
    html = client.get(reverse("akun_sesi")).content.decode()
    assert "Sesi di Firefox di Windows diakhiri." in html
    assert url not in html and html.count("<tr>") == 1 + 1
    assert Riwayat.objects.filter(aksi="akun.sesi_diakhiri", pelaku=org.staf).exists()


def test_sesi_orang_lain_404_dan_sesi_ini_tidak_lewat_sini(client, org):
    masuk(Client(), org.kasi)
    milik_kasi = SesiPengguna.objects.get(pegawai=org.kasi)
    masuk(client, org.staf)
    assert client.get(reverse("akun_sesi_akhiri", args=[milik_kasi.pk])).status_code == 404
    assert client.post(reverse("akun_sesi_akhiri", args=[milik_kasi.pk])).status_code == 404
    ini = SesiPengguna.objects.get(pegawai=org.staf)
    r = client.post(reverse("akun_sesi_akhiri", args=[ini.pk]), follow=True)
    assert "gunakan tombol Keluar" in r.content.decode()
    assert client.get(reverse("beranda")).status_code == 200


def test_keluar_mengakhiri_baris_sesi(client, org):
    masuk(client, org.staf)
    client.post(reverse("keluar"))
    assert SesiPengguna.objects.get(pegawai=org.staf).berakhir is not None


def test_ganti_sandi_tetap_satu_baris_sesi(client, org):
    """A password change gives the session a new key; its row follows it."""
    masuk(client, org.staf)
    client.post(
        reverse("ganti_sandi"),
        {
            "old_password": "rahasia-uji-123",
            "new_password1": "Sandi-baru-yang-kuat-9",
            "new_password2": "Sandi-baru-yang-kuat-9",
        },
    )
    nanti = timezone.now() + dt.timedelta(minutes=2)
    with mock.patch("django.utils.timezone.now", return_value=nanti):
        client.get(reverse("beranda"))
    baris = SesiPengguna.objects.get(pegawai=org.staf)
    assert baris.kunci_sesi == client.session.session_key
    r = client.get(reverse("akun_sesi"))
    assert "Sesi ini" in r.content.decode()


def test_halaman_sesi_kueri_tetap(client, org, django_assert_max_num_queries):
    for i in range(30):
        SesiPengguna.objects.create(pegawai=org.staf, kunci_sesi=f"sesi-mati-{i}")
    masuk(client, org.staf)
    with django_assert_max_num_queries(12):
        r = client.get(reverse("akun_sesi"))
    # Rows whose Django session is gone (expired, ended elsewhere) are not listed.
    assert r.content.decode().count("<tr>") == 1 + 1
