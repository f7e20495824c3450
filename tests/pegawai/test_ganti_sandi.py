"""A logged-in pegawai changes his own kata sandi; a temporary one must be changed first."""

import pytest
from django.urls import reverse

from pegawai.models import Pegawai, Riwayat

SANDI = "rahasia-uji-123"
BARU = "Kinerja-Baru-2024!"
MIDDLEWARE = "pegawai.middleware.WajibGantiSandiMiddleware"


@pytest.fixture
def wajib_ganti(settings):
    if MIDDLEWARE not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]


def ganti(client, lama=SANDI, baru=BARU, ulang=None):
    return client.post(
        reverse("ganti_sandi"),
        {"old_password": lama, "new_password1": baru, "new_password2": ulang or baru},
    )


def test_perlu_masuk(client, db):
    r = client.get(reverse("ganti_sandi"))
    assert r.status_code == 302
    assert r.url.startswith(reverse("masuk"))


def test_halaman_berbahasa_indonesia(client, org):
    client.force_login(org.staf)
    html = client.get(reverse("ganti_sandi")).content.decode()
    for label in ("Kata sandi lama", "Kata sandi baru", "Ulangi kata sandi baru"):
        assert label in html


def test_ganti_sandi_berhasil(client, org):
    client.force_login(org.staf)
    r = ganti(client)
    assert r.status_code == 302
    assert r.url == reverse("ganti_sandi_selesai")
    staf = Pegawai.objects.get(pk=org.staf.pk)
    assert staf.check_password(BARU)
    # The session that made the change stays valid.
    assert client.get(reverse("ganti_sandi_selesai")).status_code == 200
    assert client.get(reverse("beranda")).status_code == 200


def test_ganti_sandi_tercatat_tanpa_kata_sandi(client, org):
    client.force_login(org.staf)
    ganti(client)
    r = Riwayat.objects.get(aksi="akun.sandi_diganti")
    assert r.pelaku == org.staf and r.subjek == org.staf and r.sebagai == "sendiri"
    assert BARU not in f"{r.keterangan}{r.data}"


def test_kata_sandi_lama_salah(client, org):
    client.force_login(org.staf)
    r = ganti(client, lama="bukan-ini")
    assert r.status_code == 200
    assert "Kata sandi lama salah" in r.content.decode()
    assert Pegawai.objects.get(pk=org.staf.pk).check_password(SANDI)


def test_ulangan_tidak_sama(client, org):
    client.force_login(org.staf)
    r = ganti(client, ulang="Kinerja-Lain-2024!")
    assert "tidak sama" in r.content.decode()
    assert Pegawai.objects.get(pk=org.staf.pk).check_password(SANDI)


def test_kata_sandi_lemah_ditolak(client, org):
    client.force_login(org.staf)
    r = ganti(client, baru="12345678")
    assert r.status_code == 200
    assert Pegawai.objects.get(pk=org.staf.pk).check_password(SANDI)


def test_sesi_lain_berakhir(client, org):
    from django.test import Client

    lain = Client()
    lain.force_login(org.staf)
    client.force_login(org.staf)
    ganti(client)
    r = lain.get(reverse("beranda"))
    assert r.status_code == 302
    assert r.url.startswith(reverse("masuk"))


# --- a temporary password must be replaced ----------------------------------------------
@pytest.fixture
def staf_sementara(org):
    Pegawai.objects.filter(pk=org.staf.pk).update(wajib_ganti_sandi=True)
    org.staf.refresh_from_db()
    return org.staf


def test_halaman_lain_dialihkan_ke_ganti_sandi(client, staf_sementara, wajib_ganti):
    client.force_login(staf_sementara)
    for nama in ("beranda", "profil", "pegawai_daftar"):
        r = client.get(reverse(nama))
        assert r.status_code == 302, nama
        assert r.url == reverse("ganti_sandi")
    r = client.get(reverse("pegawai_detail", args=[staf_sementara.pk]))
    assert r.url == reverse("ganti_sandi")


def test_htmx_dialihkan_lewat_header(client, staf_sementara, wajib_ganti):
    client.force_login(staf_sementara)
    r = client.get(reverse("profil"), headers={"HX-Request": "true"})
    assert r.headers["HX-Redirect"] == reverse("ganti_sandi")


def test_yang_tetap_terbuka(client, staf_sementara, wajib_ganti):
    client.force_login(staf_sementara)
    r = client.get(reverse("ganti_sandi"))
    assert r.status_code == 200
    assert "kata sandi sementara" in r.content.decode()
    r = client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert r.url != reverse("ganti_sandi")
    assert client.get("/static/css/ekinerja.css").status_code != 302
    r = client.post(reverse("keluar"))
    assert r.url == reverse("masuk")


def test_setelah_diganti_halaman_terbuka(client, staf_sementara, wajib_ganti):
    client.force_login(staf_sementara)
    assert ganti(client).url == reverse("ganti_sandi_selesai")
    assert not Pegawai.objects.get(pk=staf_sementara.pk).wajib_ganti_sandi
    assert client.get(reverse("beranda")).status_code == 200
    r = Riwayat.objects.get(aksi="akun.sandi_diganti")
    assert r.data == {"mengganti_sandi_sementara": True}


def test_tanpa_kewajiban_tidak_dialihkan(client, org, wajib_ganti):
    client.force_login(org.staf)
    assert client.get(reverse("beranda")).status_code == 200
