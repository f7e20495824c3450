"""Every login, failed login and logout is recorded, and the user reads his own history."""

from django.urls import reverse

from akun.models import RiwayatMasuk
from tests.akun.conftest import FIREFOX_WINDOWS, masuk
from tests.factories import PegawaiFactory


def test_berhasil_gagal_dan_keluar_tercatat(client, org):
    masuk(client, org.staf, sandi="salah-sekali", ua=FIREFOX_WINDOWS, ip="10.9.8.7")
    masuk(client, org.staf)
    client.post(reverse("keluar"))
    gagal, berhasil, keluar = RiwayatMasuk.objects.filter(pegawai=org.staf).order_by("id")
    assert (gagal.jenis, gagal.berhasil, gagal.perangkat, gagal.ip) == (
        "masuk",
        False,
        "Firefox di Windows",
        "10.9.8.7",
    )
    assert (berhasil.jenis, berhasil.berhasil, berhasil.perangkat) == (
        "masuk",
        True,
        "Chrome di Android",
    )
    assert (berhasil.ip, berhasil.jaringan, berhasil.dengan_dua_langkah) == (
        "10.1.2.3",
        "10.1.2.0/24",
        False,
    )
    assert (keluar.jenis, keluar.berhasil) == ("keluar", True)


def test_nip_tak_dikenal_tidak_dicatat(client, db):
    client.post(reverse("masuk"), {"username": "199001012020011999", "password": "x"})
    assert not RiwayatMasuk.objects.exists()


def test_halaman_riwayat_hanya_milik_sendiri_dan_berhalaman(
    client, org, django_assert_max_num_queries
):
    for _ in range(30):
        RiwayatMasuk.objects.create(pegawai=org.staf, jenis="masuk", peramban="Chrome")
    RiwayatMasuk.objects.create(pegawai=org.kasi, jenis="masuk", ip="10.77.77.77")
    client.force_login(org.staf)
    with django_assert_max_num_queries(12):
        r = client.get(reverse("akun_riwayat"))
    html = r.content.decode()
    assert r.status_code == 200
    assert html.count("<tr>") == 1 + 25  # header + one page
    assert "10.77.77.77" not in html
    assert 'rel="next"' in html
    assert len(r.content) < 30 * 1024


def test_profil_menautkan_halaman_keamanan(client, org):
    client.force_login(org.staf)
    html = client.get(reverse("profil")).content.decode()
    for nama in ("akun_dua_langkah", "akun_riwayat", "akun_sesi"):
        assert reverse(nama) in html


def test_pegawai_nonaktif_gagal_tercatat(client, db):
    p = PegawaiFactory(status="pensiun")
    masuk(client, p)
    assert RiwayatMasuk.objects.get(pegawai=p).berhasil is False
