"""An operator drafts and submits an SKP on behalf of a pegawai of his unit; it shows as such."""

import pytest
from django.urls import reverse

from pegawai.models import Riwayat
from skp.models import Skp
from skp.services import penyusunan as services
from tests.factories import OperatorUnitFactory, PegawaiFactory
from tests.skp.conftest import isi_skp


@pytest.fixture
def rhk_kabid(skp_berjenjang):
    return skp_berjenjang["rhk_kabid"][0]


def test_operator_mengisi_dan_mengajukan_skp_pegawai(
    client, org, periode, skp_berjenjang, rhk_kabid
):
    """The whole journey, for the staf of the kasi: the kasi's SKP has an RHK to intervene."""
    rhk_kasi = isi_skp(org.kasi, skp_berjenjang["kasi"], rhk_atasan=rhk_kabid)[0]
    client.force_login(org.operator)
    resp = client.post(
        f"{reverse('skp_buat')}?pegawai={org.staf.pk}",
        {"periode": periode.pk, "pendekatan": "kualitatif"},
    )
    skp = Skp.objects.get(pegawai=org.staf)
    assert resp["Location"] == reverse("skp_detail", args=[skp.pk])
    client.post(
        reverse("skp_rhk_tambah", args=[skp.pk]),
        {"jenis": "utama", "teks": "Surat tertata", "rhk_atasan": rhk_kasi.pk},
    )
    rhk = skp.rhk.get()
    client.post(
        reverse("skp_indikator_tambah", args=[rhk.pk]),
        {"teks": "Surat diarsipkan", "aspek": "kuantitas", "target_teks": "Semua surat"},
    )
    client.post(
        reverse("skp_lampiran_tambah", args=[skp.pk]), {"jenis": "dukungan", "teks": "Lemari arsip"}
    )
    client.post(reverse("skp_ajukan", args=[skp.pk]))
    skp.refresh_from_db()
    assert skp.status == Skp.Status.DIAJUKAN and skp.penilai == org.kasi
    baris = Riwayat.objects.filter(content_type__model="skp", object_id=skp.pk)
    assert {r.aksi for r in baris} == {
        "skp.dibuat",
        "skp.rhk_ditambah",
        "skp.indikator_ditambah",
        "skp.lampiran_ditambah",
        "skp.diajukan",
    }
    assert {(r.pelaku_id, r.subjek_id, r.sebagai) for r in baris} == {
        (org.operator.pk, org.staf.pk, "operator")
    }


def test_halaman_menyebut_operator_di_spanduk_dan_riwayat(client, org, skp_berjenjang, rhk_kabid):
    skp = skp_berjenjang["kasi"]
    client.force_login(org.operator)
    client.post(
        reverse("skp_rhk_tambah", args=[skp.pk]),
        {"jenis": "utama", "teks": "Laporan", "rhk_atasan": rhk_kabid.pk},
    )
    html = client.get(reverse("skp_detail", args=[skp.pk])).content.decode()
    assert "Anda mengisi SKP ini sebagai operator atas nama Kasi" in html
    assert "diisi oleh operator atas nama Kasi" in html
    client.force_login(org.kasi)
    html = client.get(reverse("skp_detail", args=[skp.pk])).content.decode()
    assert "diisi oleh operator atas nama Kasi" in html  # the pegawai sees it too
    assert "Anda mengisi SKP ini sebagai operator" not in html


def test_operator_unit_lain_tidak_melihat(client, org, skp_berjenjang, rhk_kabid):
    skp = skp_berjenjang["kasi"]
    lain = OperatorUnitFactory(
        pegawai=PegawaiFactory(instansi=org.instansi), unit=org.unit_lain
    ).pegawai
    client.force_login(lain)
    assert client.get(reverse("skp_detail", args=[skp.pk])).status_code == 404
    assert client.get(reverse("skp_daftar"), {"pegawai": org.kasi.pk}).status_code == 404
    resp = client.post(
        reverse("skp_rhk_tambah", args=[skp.pk]),
        {"jenis": "utama", "teks": "X", "rhk_atasan": rhk_kabid.pk},
    )
    assert resp.status_code == 404 and not skp.rhk.exists()


def test_admin_instansi_membaca_tanpa_mengubah(client, org, skp_berjenjang, rhk_kabid):
    skp = skp_berjenjang["kasi"]
    client.force_login(org.admin)
    resp = client.get(reverse("skp_detail", args=[skp.pk]))
    assert resp.status_code == 200 and not resp.context["boleh_ubah"]
    assert "Tambah RHK" not in resp.content.decode()
    resp = client.post(
        reverse("skp_rhk_tambah", args=[skp.pk]),
        {"jenis": "utama", "teks": "X", "rhk_atasan": rhk_kabid.pk},
    )
    assert resp.status_code == 403 and not skp.rhk.exists()


def test_operator_tidak_dapat_mengubah_skp_yang_diajukan(client, org, skp_berjenjang, rhk_kabid):
    skp = skp_berjenjang["kasi"]
    isi_skp(org.kasi, skp, rhk_atasan=rhk_kabid)
    services.ajukan_skp(org.kasi, skp)
    client.force_login(org.operator)
    resp = client.post(
        reverse("skp_rhk_tambah", args=[skp.pk]),
        {"jenis": "utama", "teks": "X", "rhk_atasan": rhk_kabid.pk},
    )
    assert "SKP berstatus Diajukan tidak dapat diubah lagi." in resp.content.decode()
    assert skp.rhk.count() == 1
