"""A role that must use the second step reaches no page before it: every page of his menu
sends him to set it up (or to give his code), except the pages of that step and logout."""

import pytest
from django.urls import reverse

from akun.models import PengaturanAkun
from ekinerja.navigasi import MENU
from pegawai.permissions import peran
from tests.akun.conftest import kode_totp, lewati_dua_langkah, masuk

SETEL = reverse("akun_dua_langkah_setel")
VERIFIKASI = reverse("akun_dua_langkah_verifikasi")


def halaman_menu(user) -> list[str]:
    p = peran(user)
    return [reverse(m.url_name) for m in MENU if m.boleh(p)]


@pytest.mark.parametrize("nama", ["admin", "operator"])
def test_peran_wajib_tanpa_perangkat_hanya_ke_halaman_setel(client, org, nama):
    user = getattr(org, nama)
    r = masuk(client, user)
    assert r.status_code == 302
    halaman = halaman_menu(user) + [reverse("profil"), reverse("akun_sesi")]
    assert len(halaman) > 5
    for url in halaman:
        r = client.get(url)
        assert r.status_code == 302, url
        assert r["Location"].startswith(SETEL), url
    # A POST is refused the same way, and htmx is told to navigate instead of swapping.
    assert client.post(reverse("notifikasi_baca_semua"))["Location"] == SETEL
    r = client.get(reverse("beranda"), HTTP_HX_REQUEST="true")
    assert r.status_code == 204 and r["HX-Redirect"] == SETEL
    # The pages of the step itself, and logging out, stay open.
    assert client.get(SETEL).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200
    assert client.post(reverse("keluar")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_superuser_juga_wajib(client, db):
    from tests.factories import PegawaiFactory

    root = PegawaiFactory(is_superuser=True, is_staff=True, instansi=None)
    masuk(client, root)
    for url in [*halaman_menu(root), reverse("admin:index")]:
        assert client.get(url)["Location"].startswith(SETEL), url


def test_peran_wajib_dengan_perangkat_memberi_kode_dulu(client, org, buat_totp):
    perangkat = buat_totp(org.admin)
    masuk(client, org.admin)
    for url in halaman_menu(org.admin):
        assert client.get(url)["Location"].startswith(VERIFIKASI), url
    r = lewati_dua_langkah(client, perangkat)
    assert r.status_code == 302
    for url in halaman_menu(org.admin):
        assert client.get(url).status_code == 200, url


def test_asn_tanpa_perangkat_tidak_ditanya(client, org):
    masuk(client, org.staf)
    assert client.get(reverse("beranda")).status_code == 200
    assert client.get(SETEL).status_code == 200  # optional: he may set it up


def test_asn_yang_mengaktifkan_juga_ditanya_kode(client, org, buat_totp):
    perangkat = buat_totp(org.staf)
    masuk(client, org.staf)
    r = client.get(reverse("beranda"))
    assert r["Location"] == f"{VERIFIKASI}?next=%2F"
    r = client.post(f"{VERIFIKASI}?next=%2Fprofil%2F", {"kode": kode_totp(perangkat)})
    assert r["Location"] == reverse("profil")


def test_atasan_wajib_bila_instansi_mewajibkan(client, org):
    masuk(client, org.kasi)
    assert client.get(reverse("beranda")).status_code == 200
    client.post(reverse("keluar"))
    PengaturanAkun.objects.create(instansi=org.instansi, wajib_dua_langkah_atasan=True)
    masuk(client, org.kasi)
    assert client.get(reverse("beranda"))["Location"].startswith(SETEL)
    # Not for a pegawai who rates nobody.
    client.post(reverse("keluar"))
    masuk(client, org.staf)
    assert client.get(reverse("beranda")).status_code == 200


def test_peran_yang_diberikan_saat_sesi_berjalan_tertangkap(client, org, monkeypatch):
    """A pegawai made operator during his session is asked within minutes, not at his next
    login."""
    import datetime as dt

    from django.utils import timezone

    from tests.factories import OperatorUnitFactory

    masuk(client, org.staf)
    assert client.get(reverse("beranda")).status_code == 200
    OperatorUnitFactory(pegawai=org.staf, unit=org.seksi)
    nanti = timezone.now() + dt.timedelta(minutes=11)
    monkeypatch.setattr("django.utils.timezone.now", lambda: nanti)
    assert client.get(reverse("beranda"))["Location"].startswith(SETEL)


def test_sandi_sementara_dan_dua_langkah_tidak_berputar(client, org):
    """A temporary password and a required second step: the step first, then the password."""
    org.admin.wajib_ganti_sandi = True
    org.admin.save(update_fields=["wajib_ganti_sandi"])
    masuk(client, org.admin)
    assert client.get(reverse("beranda"))["Location"].startswith(SETEL)
    assert client.get(SETEL).status_code == 200
    assert client.get(reverse("ganti_sandi"))["Location"].startswith(SETEL)
