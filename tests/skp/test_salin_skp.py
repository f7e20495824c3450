"""A first-time user fills an empty draft by copying last period's SKP."""

import datetime as dt

import pytest
from django.urls import reverse

from pegawai.models import Riwayat
from skp.models import LampiranSkp
from skp.services import penyusunan as services
from tests.skp.conftest import isi_skp


@pytest.fixture
def skp_lalu(org, periode, skp_berjenjang):
    """Last period's SKP of the kasi, with two RHK (linked to nobody) and a lampiran."""
    lalu = services.buka_periode(org.admin, org.instansi, periode.tahun - 1)
    skp = services.buat_skp(org.kasi, org.kasi, lalu, tanggal=dt.date(lalu.tahun, 1, 2))
    isi_skp(org.kasi, skp, n=2)
    services.simpan_lampiran(org.kasi, LampiranSkp(skp=skp, jenis="dukungan", teks="Kuota"))
    return skp


@pytest.fixture
def kasi(skp_berjenjang):
    return skp_berjenjang["kasi"]


def salin(skp):
    return reverse("skp_salin", args=[skp.pk])


def test_skp_kosong_menawarkan_salin(client, org, kasi, skp_lalu):
    client.force_login(org.kasi)
    resp = client.get(reverse("skp_detail", args=[kasi.pk]))
    assert list(resp.context["form_salin"].fields["sumber"].queryset) == [skp_lalu]
    assert salin(kasi) in resp.content.decode()


def test_salin_mengisi_rhk_indikator_dan_lampiran(client, org, kasi, skp_lalu):
    client.force_login(org.kasi)
    resp = client.post(salin(kasi), {"sumber": skp_lalu.pk})
    assert resp.status_code == 302 and resp["Location"].endswith("#rhk-daftar")
    assert sorted(kasi.rhk.values_list("teks", flat=True)) == sorted(
        skp_lalu.rhk.values_list("teks", flat=True)
    )
    assert all(r.indikator.count() == 1 and r.rhk_atasan_id is None for r in kasi.rhk.all())
    assert list(kasi.lampiran.values_list("teks", flat=True)) == ["Kuota"]
    r = Riwayat.objects.get(object_id=kasi.pk, aksi="skp.disalin")
    assert r.data == {"dari_skp": skp_lalu.pk} and r.sebagai == "sendiri"


def test_skp_yang_sudah_berisi_tidak_disalin(client, org, kasi, skp_lalu, skp_berjenjang):
    isi_skp(org.kasi, kasi, rhk_atasan=skp_berjenjang["rhk_kabid"][0])
    client.force_login(org.kasi)
    assert "form_salin" not in client.get(reverse("skp_detail", args=[kasi.pk])).context
    resp = client.post(salin(kasi), {"sumber": skp_lalu.pk}, follow=True)
    assert "salin hanya untuk SKP yang masih kosong" in resp.content.decode()
    assert kasi.rhk.count() == 1


def test_sumber_milik_pegawai_lain_ditolak(client, org, kasi, skp_berjenjang):
    client.force_login(org.kasi)
    resp = client.post(salin(kasi), {"sumber": skp_berjenjang["kabid"].pk}, follow=True)
    assert "Pilih SKP yang akan disalin." in resp.content.decode()
    assert not kasi.rhk.exists()


def test_operator_menyalin_atas_nama(client, org, kasi, skp_lalu):
    client.force_login(org.operator)
    assert client.post(salin(kasi), {"sumber": skp_lalu.pk}).status_code == 302
    r = Riwayat.objects.get(object_id=kasi.pk, aksi="skp.disalin")
    assert (r.pelaku, r.subjek, r.sebagai) == (org.operator, org.kasi, "operator")


@pytest.mark.parametrize(
    ("siapa", "kode"), [("atasan", 403), ("pegawai_lain", 404), ("instansi_lain", 404)]
)
def test_yang_tidak_berhak(client, org, kasi, skp_lalu, siapa, kode):
    client.force_login(
        {"atasan": org.kabid, "pegawai_lain": org.staf, "instansi_lain": org.orang_lain}[siapa]
    )
    assert client.post(salin(kasi), {"sumber": skp_lalu.pk}).status_code == kode
    assert not kasi.rhk.exists()


def test_hanya_post(client, org, kasi):
    client.force_login(org.kasi)
    assert client.get(salin(kasi)).status_code == 405
