"""The pegawai lists the lampiran of his SKP: dukungan sumber daya, skema, konsekuensi."""

import pytest
from django.urls import reverse

from pegawai.models import Riwayat
from skp.models import LampiranSkp
from skp.services import penyusunan as services
from tests.skp.conftest import isi_skp

HTMX = {"HX-Request": "true"}


@pytest.fixture
def kasi(skp_berjenjang):
    return skp_berjenjang["kasi"]


def tambah(skp):
    return reverse("skp_lampiran_tambah", args=[skp.pk])


def test_belum_ada_lampiran(client, org, kasi):
    client.force_login(org.kasi)
    html = client.get(reverse("skp_detail", args=[kasi.pk])).content.decode()
    assert "Belum ada lampiran" in html
    assert tambah(kasi) in html


def test_tambah_lampiran_dikelompokkan_per_jenis(client, org, kasi):
    client.force_login(org.kasi)
    resp = client.post(tambah(kasi), {"jenis": "konsekuensi", "teks": "Teguran tertulis"})
    assert resp.status_code == 302 and resp["Location"].endswith("#lampiran-daftar")
    client.post(tambah(kasi), {"jenis": "dukungan", "teks": "Kuota internet"})
    resp = client.get(reverse("skp_detail", args=[kasi.pk]))
    kelompok = dict(resp.context["lampiran"])
    assert [x.teks for x in kelompok["Dukungan sumber daya"]] == ["Kuota internet"]
    assert [x.teks for x in kelompok["Konsekuensi"]] == ["Teguran tertulis"]
    assert kelompok["Skema pertanggungjawaban"] == []
    html = resp.content.decode()
    assert html.index("Kuota internet") < html.index("Teguran tertulis")
    r = Riwayat.objects.filter(object_id=kasi.pk, aksi="skp.lampiran_ditambah")
    assert r.count() == 2 and {x.sebagai for x in r} == {"sendiri"}


def test_tambah_htmx_mengembalikan_bagian_lampiran(client, org, kasi):
    client.force_login(org.kasi)
    resp = client.post(tambah(kasi), {"jenis": "skema", "teks": "Laporan bulanan"}, headers=HTMX)
    html = resp.content.decode()
    assert resp.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith('<section id="lampiran-daftar"')
    assert "Laporan bulanan" in html


def test_isi_kosong_ditolak_jenis_tetap_terpilih(client, org, kasi):
    client.force_login(org.kasi)
    resp = client.post(tambah(kasi), {"jenis": "skema", "teks": " "})
    html = resp.content.decode()
    assert resp.status_code == 200
    assert 'id="lampiranbaru_teks_error">Isi lampiran wajib diisi.' in html
    assert '<option value="skema" selected>' in html
    assert not kasi.lampiran.exists()


def test_hapus_lampiran(client, org, kasi):
    lamp = services.simpan_lampiran(org.kasi, LampiranSkp(skp=kasi, jenis="dukungan", teks="A"))
    client.force_login(org.kasi)
    resp = client.post(reverse("skp_lampiran_hapus", args=[lamp.pk]), headers=HTMX)
    assert resp.status_code == 200 and "Belum ada lampiran" in resp.content.decode()
    assert not kasi.lampiran.exists()


def test_skp_diajukan_lampiran_tidak_dapat_diubah(client, org, kasi, skp_berjenjang):
    lamp = services.simpan_lampiran(org.kasi, LampiranSkp(skp=kasi, jenis="dukungan", teks="A"))
    isi_skp(org.kasi, kasi, rhk_atasan=skp_berjenjang["rhk_kabid"][0])
    services.ajukan_skp(org.kasi, kasi)
    client.force_login(org.kasi)
    resp = client.post(tambah(kasi), {"jenis": "dukungan", "teks": "B"})
    assert "SKP berstatus Diajukan tidak dapat diubah lagi." in resp.content.decode()
    resp = client.post(reverse("skp_lampiran_hapus", args=[lamp.pk]), follow=True)
    assert "tidak dapat diubah lagi" in resp.content.decode()
    assert list(kasi.lampiran.values_list("teks", flat=True)) == ["A"]


def test_operator_menambah_atas_nama(client, org, kasi):
    client.force_login(org.operator)
    assert client.post(tambah(kasi), {"jenis": "dukungan", "teks": "A"}).status_code == 302
    r = Riwayat.objects.get(object_id=kasi.pk, aksi="skp.lampiran_ditambah")
    assert (r.pelaku, r.subjek, r.sebagai) == (org.operator, org.kasi, "operator")


@pytest.mark.parametrize(
    ("siapa", "kode"), [("atasan", 403), ("pegawai_lain", 404), ("instansi_lain", 404)]
)
def test_yang_tidak_berhak(client, org, kasi, siapa, kode):
    lamp = services.simpan_lampiran(org.kasi, LampiranSkp(skp=kasi, jenis="dukungan", teks="A"))
    client.force_login(
        {"atasan": org.kabid, "pegawai_lain": org.staf, "instansi_lain": org.orang_lain}[siapa]
    )
    assert client.post(tambah(kasi), {"jenis": "dukungan", "teks": "B"}).status_code == kode
    assert client.post(reverse("skp_lampiran_hapus", args=[lamp.pk])).status_code == kode
    assert list(kasi.lampiran.values_list("teks", flat=True)) == ["A"]
