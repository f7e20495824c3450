"""An operator (for his units) or admin gives a pegawai a one-time temporary kata sandi."""

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from pegawai.models import Pegawai, Riwayat
from pegawai.services import organisasi as services
from tests.factories import OperatorUnitFactory, PegawaiFactory

MIDDLEWARE = "pegawai.middleware.WajibGantiSandiMiddleware"
BARU = "Kinerja-Baru-2024!"


@pytest.fixture(autouse=True)
def cache_bersih():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def wajib_ganti(settings):
    if MIDDLEWARE not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]


def atur_ulang(client, aktor, pegawai, **extra):
    client.force_login(aktor)
    return client.post(reverse("pegawai_atur_ulang_sandi", args=[pegawai.pk]), **extra)


def sandi_di(html: str) -> str:
    return re.search(r'<output class="sandi-sementara"><code>([^<]+)</code>', html).group(1)


def test_operator_mendapat_kata_sandi_sementara_sekali(client, org):
    r = atur_ulang(client, org.operator, org.staf)
    assert r.status_code == 200
    assert "no-store" in r.headers["Cache-Control"]
    sandi = sandi_di(r.content.decode())
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", sandi)
    staf = Pegawai.objects.get(pk=org.staf.pk)
    assert staf.check_password(sandi)
    assert staf.wajib_ganti_sandi
    assert sandi not in staf.password
    # The detail page shown later never repeats it.
    html = client.get(reverse("pegawai_detail", args=[org.staf.pk])).content.decode()
    assert sandi not in html
    assert "sandi-sementara" not in html


def test_tercatat_di_riwayat_tanpa_kata_sandi(client, org):
    sandi = sandi_di(atur_ulang(client, org.operator, org.staf).content.decode())
    r = Riwayat.objects.get(aksi="akun.sandi_diatur_ulang")
    assert (r.pelaku, r.subjek, r.sebagai) == (org.operator, org.staf, "operator")
    assert sandi not in f"{r.keterangan}{r.data}{r.dari_status}{r.ke_status}"


def test_admin_tercatat_sebagai_admin(client, org):
    atur_ulang(client, org.admin, org.operator)
    r = Riwayat.objects.get(aksi="akun.sandi_diatur_ulang")
    assert (r.pelaku, r.subjek, r.sebagai) == (org.admin, org.operator, "admin")


def test_setiap_kali_berbeda(client, org):
    a = sandi_di(atur_ulang(client, org.operator, org.staf).content.decode())
    b = sandi_di(atur_ulang(client, org.operator, org.staf).content.decode())
    assert a != b
    assert not Pegawai.objects.get(pk=org.staf.pk).check_password(a)


def test_tombol_hanya_bagi_yang_berhak(client, org):
    url = reverse("pegawai_atur_ulang_sandi", args=[org.staf.pk])
    for aktor, tampak in ((org.operator, True), (org.admin, True), (org.kasi, False)):
        client.force_login(aktor)
        html = client.get(reverse("pegawai_detail", args=[org.staf.pk])).content.decode()
        assert (url in html) is tampak
    client.force_login(org.staf)
    html = client.get(reverse("pegawai_detail", args=[org.staf.pk])).content.decode()
    assert "Atur ulang kata sandi" not in html


def test_hanya_post(client, org):
    client.force_login(org.operator)
    r = client.get(reverse("pegawai_atur_ulang_sandi", args=[org.staf.pk]))
    assert r.status_code == 405


def test_htmx_mendapat_potongan_halaman(client, org):
    r = atur_ulang(client, org.operator, org.staf, headers={"HX-Request": "true"})
    html = r.content.decode()
    assert "<html" not in html
    assert html.strip().startswith('<div id="atur-ulang-sandi">')
    assert sandi_di(html)


# --- who may not --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("aktor", "pegawai"),
    [
        ("staf", "kasi"),  # cannot even see him
        ("operator", "admin"),  # no unit: outside his units
        ("operator", "orang_lain"),
        ("admin", "orang_lain"),
        ("orang_lain", "staf"),
    ],
)
def test_pegawai_tak_terlihat_404(client, org, aktor, pegawai):
    lama = getattr(org, pegawai).password
    r = atur_ulang(client, getattr(org, aktor), getattr(org, pegawai))
    assert r.status_code == 404
    assert Pegawai.objects.get(pk=getattr(org, pegawai).pk).password == lama


@pytest.mark.parametrize(
    ("aktor", "pegawai"),
    [
        ("kasi", "staf"),  # his subordinate: he sees him but is no operator
        ("staf", "staf"),  # himself: change, not reset
        ("operator", "operator"),
    ],
)
def test_terlihat_tetapi_tidak_berhak_403(client, org, aktor, pegawai):
    r = atur_ulang(client, getattr(org, aktor), getattr(org, pegawai))
    assert r.status_code == 403
    assert not Riwayat.objects.filter(aksi="akun.sandi_diatur_ulang").exists()


def test_operator_tidak_dapat_mengambil_alih_operator_atau_admin_lain(client, org):
    op2 = PegawaiFactory(nama="Operator Bidang", instansi=org.instansi)
    Pegawai.objects.filter(pk=op2.pk).update(unit_kerja=org.bidang)  # inside his units
    OperatorUnitFactory(pegawai=op2, unit=org.bidang)
    assert atur_ulang(client, org.operator, op2).status_code == 403
    admin2 = PegawaiFactory(nama="Admin Dua", instansi=org.instansi, is_admin_instansi=True)
    Pegawai.objects.filter(pk=admin2.pk).update(unit_kerja=org.seksi)
    assert atur_ulang(client, org.operator, admin2).status_code == 403
    # The admin may: same rights as his own.
    assert atur_ulang(client, org.admin, admin2).status_code == 200


def test_operator_unit_lain_tidak_berhak(client, org):
    op_lain = PegawaiFactory(nama="Operator Pendidikan", instansi=org.instansi)
    OperatorUnitFactory(pegawai=op_lain, unit=org.unit_lain)
    assert atur_ulang(client, op_lain, org.staf).status_code == 404
    with pytest.raises(PermissionDenied):
        services.atur_ulang_sandi(op_lain, org.staf)


def test_hanya_superuser_untuk_akun_superuser(org):
    su = PegawaiFactory(nama="Root", instansi=org.instansi, is_superuser=True, is_staff=True)
    assert not services.boleh_atur_ulang_sandi(org.admin, su)
    root = PegawaiFactory(nama="Root Dua", instansi=None, is_superuser=True)
    assert services.boleh_atur_ulang_sandi(root, su)


def test_pegawai_tidak_aktif_ditolak_dengan_pesan(client, org):
    services.ubah_status_pegawai(org.admin, org.staf, "pensiun")
    lama = Pegawai.objects.get(pk=org.staf.pk).password
    r = atur_ulang(client, org.operator, org.staf)
    assert r.status_code == 200
    assert "tidak dapat masuk" in r.content.decode()
    assert Pegawai.objects.get(pk=org.staf.pk).password == lama
    with pytest.raises(ValidationError):
        services.atur_ulang_sandi(org.operator, org.staf)


# --- the whole journey ----------------------------------------------------------------------
def test_alur_pegawai_mengganti_kata_sandi_sementara(client, org, wajib_ganti):
    sesi_lama = Client()
    sesi_lama.force_login(org.staf)
    sandi = sandi_di(atur_ulang(client, org.operator, org.staf).content.decode())
    # Whoever was logged in on the pegawai's account is out.
    assert sesi_lama.get(reverse("beranda")).status_code == 302

    pegawai = Client()
    r = pegawai.post(reverse("masuk"), {"username": org.staf.nip, "password": sandi})
    assert r.status_code == 302
    r = pegawai.get(reverse("beranda"))
    assert r.url == reverse("ganti_sandi")
    r = pegawai.post(
        reverse("ganti_sandi"),
        {"old_password": sandi, "new_password1": BARU, "new_password2": BARU},
    )
    assert r.url == reverse("ganti_sandi_selesai")
    assert pegawai.get(reverse("beranda")).status_code == 200
    staf = Pegawai.objects.get(pk=org.staf.pk)
    assert not staf.wajib_ganti_sandi and staf.check_password(BARU)
    aksi = list(Riwayat.objects.filter(subjek=staf).values_list("aksi", flat=True))
    assert aksi[:2] == ["akun.sandi_diganti", "akun.sandi_diatur_ulang"]
