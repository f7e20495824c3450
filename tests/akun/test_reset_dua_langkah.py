"""The admin instansi resets a pegawai's second step (a lost phone)."""

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from pegawai.models import Riwayat
from tests.akun.conftest import lewati_dua_langkah, masuk
from tests.factories import InstansiFactory, PegawaiFactory


def test_admin_mereset_dan_sesi_pegawai_berakhir(client, org, buat_totp):
    perangkat = buat_totp(org.operator)
    StaticDevice.objects.create(user=org.operator, name="Kode pemulihan")
    pegawai = Client()
    masuk(pegawai, org.operator)
    lewati_dua_langkah(pegawai, perangkat)
    assert pegawai.get(reverse("beranda")).status_code == 200

    client.force_login(org.admin)
    url = reverse("akun_dua_langkah_reset", args=[org.operator.pk])
    r = client.get(url)
    assert r.status_code == 200 and "Reset verifikasi dua langkah" in r.content.decode()
    assert TOTPDevice.objects.filter(user=org.operator).exists()  # a GET changes nothing
    r = client.post(url)
    assert r["Location"] == reverse("akun_riwayat_pegawai", args=[org.operator.pk])
    assert not TOTPDevice.objects.filter(user=org.operator).exists()
    assert not StaticDevice.objects.filter(user=org.operator).exists()
    # His open session ended: the next page asks for the password again.
    r = pegawai.get(reverse("beranda"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("masuk"))
    riwayat = Riwayat.objects.get(aksi="akun.dua_langkah_direset")
    assert (riwayat.pelaku, riwayat.subjek, riwayat.sebagai) == (org.admin, org.operator, "admin")
    assert riwayat.data == {"sesi_diakhiri": 1}
    # At the next login he sets it up again.
    masuk(pegawai, org.operator)
    assert pegawai.get(reverse("beranda"))["Location"].startswith(reverse("akun_dua_langkah_setel"))


def test_hanya_admin_instansinya(client, org, buat_totp):
    buat_totp(org.staf)
    url = reverse("akun_dua_langkah_reset", args=[org.staf.pk])
    client.force_login(org.operator)
    assert client.post(url).status_code == 403
    admin_lain = PegawaiFactory(instansi=InstansiFactory(kode="LAIN2"), is_admin_instansi=True)
    client.force_login(admin_lain)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=org.staf).exists()
    assert not Riwayat.objects.filter(aksi="akun.dua_langkah_direset").exists()


def test_admin_tidak_mereset_dirinya_sendiri(client, org, buat_totp):
    buat_totp(org.admin)
    client.force_login(org.admin)
    r = client.post(reverse("akun_dua_langkah_reset", args=[org.admin.pk]), follow=True)
    assert "direset oleh admin lain" in r.content.decode()
    assert TOTPDevice.objects.filter(user=org.admin).exists()
    assert Session.objects.exists()
