"""A pegawai who forgot his kata sandi asks, by NIP, for a link sent to his e-mail."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from pegawai.models import Pegawai, Riwayat

BARU = "Kinerja-Baru-2024!"


@pytest.fixture(autouse=True)
def cache_bersih():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staf(org):
    Pegawai.objects.filter(pk=org.staf.pk).update(email="staf@contoh.go.id")
    org.staf.refresh_from_db()
    return org.staf


def minta(client, nip):
    return client.post(reverse("reset_sandi"), {"nip": nip})


def tautan(pesan) -> str:
    return re.search(r"https?://[^/\s]+(/akun/reset/\S+/)", pesan.body).group(1)


def test_halaman_meminta_nip(client, db):
    html = client.get(reverse("reset_sandi")).content.decode()
    assert 'name="nip"' in html
    assert 'name="email"' not in html
    assert "operator unit" in html


def test_tautan_dikirim_ke_email_pegawai(client, staf):
    r = minta(client, f"{staf.nip[:8]} {staf.nip[8:14]} {staf.nip[14]} {staf.nip[15:]}")
    assert r.status_code == 302
    assert r.url == reverse("reset_sandi_terkirim")
    assert len(mail.outbox) == 1
    pesan = mail.outbox[0]
    assert pesan.to == ["staf@contoh.go.id"]
    assert "kata sandi baru" in pesan.subject
    assert staf.nip in pesan.body
    assert "Yth." in pesan.body
    html, jenis = pesan.alternatives[0]
    assert jenis == "text/html" and tautan(pesan) in html


def test_alur_lengkap_sampai_masuk(client, staf):
    Pegawai.objects.filter(pk=staf.pk).update(wajib_ganti_sandi=True)
    minta(client, staf.nip)
    r = client.get(tautan(mail.outbox[0]))
    assert r.status_code == 302  # the token moves into the session
    r = client.get(r.url)
    assert r.status_code == 200
    assert "Buat kata sandi baru" in r.content.decode()
    r = client.post(r.request["PATH_INFO"], {"new_password1": BARU, "new_password2": BARU})
    assert r.status_code == 302
    assert r.url == reverse("reset_sandi_selesai")
    assert client.get(r.url).status_code == 200
    pegawai = Pegawai.objects.get(pk=staf.pk)
    assert pegawai.check_password(BARU)
    assert not pegawai.wajib_ganti_sandi
    riwayat = Riwayat.objects.get(aksi="akun.sandi_direset_email")
    assert riwayat.subjek == pegawai and riwayat.pelaku == pegawai
    assert (
        client.post(reverse("masuk"), {"username": staf.nip, "password": BARU}).status_code == 302
    )


def test_tautan_hanya_sekali_pakai(client, staf):
    minta(client, staf.nip)
    alamat = tautan(mail.outbox[0])
    r = client.get(alamat)
    client.post(r.url, {"new_password1": BARU, "new_password2": BARU})
    html = client.get(alamat, follow=True).content.decode()
    assert "Tautan tidak berlaku" in html


def test_tautan_tidak_berlaku_setelah_pensiun(client, staf):
    minta(client, staf.nip)
    staf.status = "pensiun"
    staf.save()
    html = client.get(tautan(mail.outbox[0]), follow=True).content.decode()
    assert "Tautan tidak berlaku" in html


def test_pegawai_baru_tanpa_kata_sandi_dapat_membuatnya(client, staf):
    staf.set_unusable_password()
    staf.save()
    minta(client, staf.nip)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("kasus", ["tidak_ada", "tanpa_email", "pensiun"])
def test_halaman_terkirim_tidak_membocorkan_apa_pun(client, staf, org, kasus):
    nip = {"tidak_ada": "199001012015031999", "tanpa_email": org.kasi.nip, "pensiun": staf.nip}
    if kasus == "pensiun":
        staf.status = "pensiun"
        staf.save()
    r = minta(client, nip[kasus])
    assert r.status_code == 302
    assert r.url == reverse("reset_sandi_terkirim")
    assert mail.outbox == []
    sama = minta(client, org.jf.nip)  # exists, no e-mail either: same answer
    assert sama.url == r.url
    html = client.get(r.url).content.decode()
    assert "Bila NIP tersebut terdaftar" in html
    assert "operator unit" in html


def test_nip_salah_format_ditandai_di_isian(client, db):
    r = minta(client, "12345")
    assert r.status_code == 200
    assert "NIP terdiri atas 18 angka" in r.content.decode()
    assert 'value="12345"' in r.content.decode()


def test_email_dibatasi_tiga_per_jam(client, staf):
    for _ in range(5):
        assert minta(client, staf.nip).url == reverse("reset_sandi_terkirim")
    assert len(mail.outbox) == 3
