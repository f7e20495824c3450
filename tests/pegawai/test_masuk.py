"""A pegawai logs in with his NIP (spaces allowed) and kata sandi, and logs out."""

import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from pegawai.models import Pegawai

SANDI = "rahasia-uji-123"


@pytest.fixture(autouse=True)
def cache_bersih():
    cache.clear()
    yield
    cache.clear()


def dengan_spasi(nip: str) -> str:
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def masuk(client, nip, sandi=SANDI):
    return client.post(reverse("masuk"), {"username": nip, "password": sandi})


def sudah_masuk(client) -> bool:
    return "_auth_user_id" in client.session


def test_halaman_masuk_meminta_nip_dan_kata_sandi(client, db):
    r = client.get(reverse("masuk"))
    assert r.status_code == 200
    html = r.content.decode()
    assert '<label for="id_username">NIP</label>' in html
    assert "Kata sandi" in html
    assert 'inputmode="numeric"' in html
    assert reverse("reset_sandi") in html


def test_masuk_dengan_nip_berspasi(client, org):
    r = masuk(client, dengan_spasi(org.staf.nip))
    assert r.status_code == 302
    assert r.url == reverse("beranda")
    assert int(client.session["_auth_user_id"]) == org.staf.pk


def test_masuk_kembali_ke_halaman_tujuan(client, org):
    r = client.post(
        reverse("masuk"),
        {"username": org.staf.nip, "password": SANDI, "next": reverse("profil")},
    )
    assert r.url == reverse("profil")


def test_kata_sandi_salah_ditolak_dengan_pesan_jelas(client, org):
    r = masuk(client, org.staf.nip, "salah-sekali")
    assert r.status_code == 200
    assert "NIP atau kata sandi salah" in r.content.decode()
    assert not sudah_masuk(client)


def test_nip_tak_dikenal_mendapat_pesan_yang_sama(client, org):
    r = masuk(client, "199001012015031999", SANDI)
    assert "NIP atau kata sandi salah" in r.content.decode()


def test_isian_tetap_terisi_setelah_gagal(client, org):
    r = masuk(client, dengan_spasi(org.staf.nip), "salah")
    assert f'value="{dengan_spasi(org.staf.nip)}"' in r.content.decode()


@pytest.mark.parametrize("status", ["pensiun", "berhenti", "meninggal"])
def test_pegawai_tidak_aktif_tidak_dapat_masuk(client, org, status):
    org.staf.status = status
    org.staf.save()
    assert not Pegawai.objects.get(pk=org.staf.pk).is_active
    r = masuk(client, org.staf.nip)
    html = r.content.decode()
    assert r.status_code == 200
    assert not sudah_masuk(client)
    assert "tidak dapat dipakai masuk" in html
    assert status in html


def test_status_tidak_aktif_tidak_dibuka_tanpa_kata_sandi_benar(client, org):
    org.staf.status = "pensiun"
    org.staf.save()
    html = masuk(client, org.staf.nip, "tebakan").content.decode()
    assert "tidak dapat dipakai masuk" not in html
    assert "NIP atau kata sandi salah" in html


def test_pegawai_cuti_tetap_dapat_masuk(client, org):
    org.staf.status = "cuti"
    org.staf.save()
    assert masuk(client, org.staf.nip).status_code == 302


def test_lima_kali_gagal_mengunci_nip(client, org):
    for _ in range(4):
        html = masuk(client, org.staf.nip, "salah").content.decode()
        assert "Terlalu banyak percobaan" not in html
    html = masuk(client, org.staf.nip, "salah").content.decode()
    assert "Terlalu banyak percobaan" in html
    assert "15 menit" in html
    # Even the right password is refused while locked, whichever way the NIP is typed.
    html = masuk(client, dengan_spasi(org.staf.nip)).content.decode()
    assert "Terlalu banyak percobaan" in html
    assert not sudah_masuk(client)


def test_kunci_hanya_untuk_nip_itu(client, org):
    for _ in range(5):
        masuk(client, org.staf.nip, "salah")
    assert masuk(client, org.kasi.nip).status_code == 302


def test_kunci_berakhir_setelah_15_menit(client, org, monkeypatch):
    for _ in range(5):
        masuk(client, org.staf.nip, "salah")
    sekarang = time.time()
    monkeypatch.setattr(time, "time", lambda: sekarang + 14 * 60)
    assert masuk(client, org.staf.nip).status_code == 200
    monkeypatch.setattr(time, "time", lambda: sekarang + 15 * 60 + 1)
    assert masuk(client, org.staf.nip).status_code == 302


def test_gagal_di_luar_jendela_15_menit_tidak_dijumlahkan(client, org, monkeypatch):
    sekarang = time.time()
    for _ in range(4):
        masuk(client, org.staf.nip, "salah")
    monkeypatch.setattr(time, "time", lambda: sekarang + 15 * 60 + 1)
    masuk(client, org.staf.nip, "salah")
    assert masuk(client, org.staf.nip).status_code == 302


def test_masuk_berhasil_mengosongkan_hitungan_gagal(client, org):
    for _ in range(4):
        masuk(client, org.staf.nip, "salah")
    assert masuk(client, org.staf.nip).status_code == 302
    client.post(reverse("keluar"))
    for _ in range(4):
        masuk(client, org.staf.nip, "salah")
    assert masuk(client, org.staf.nip).status_code == 302


def test_yang_sudah_masuk_dapat_berganti_akun(client, org):
    client.force_login(org.staf)
    assert client.get(reverse("masuk")).status_code == 200
    assert masuk(client, org.kasi.nip).status_code == 302
    assert int(client.session["_auth_user_id"]) == org.kasi.pk


def test_halaman_lain_meminta_masuk_dahulu(client, db):
    r = client.get(reverse("profil"))
    assert r.status_code == 302
    assert r.url.startswith(reverse("masuk"))


def test_keluar_dengan_post(client, org):
    client.force_login(org.staf)
    r = client.post(reverse("keluar"), follow=True)
    assert r.redirect_chain[-1][0] == reverse("masuk")
    assert not sudah_masuk(client)
    assert "Anda telah keluar" in r.content.decode()


def test_keluar_tidak_dengan_get(client, org):
    client.force_login(org.staf)
    assert client.get(reverse("keluar")).status_code == 405
    assert sudah_masuk(client)
