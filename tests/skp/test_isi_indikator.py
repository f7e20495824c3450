"""The pegawai gives each RHK its indicators: aspek and target (text, or number + unit)."""

import re

import pytest
from django.urls import reverse

from pegawai.models import Riwayat
from skp.models import IndikatorKinerja, RencanaHasilKerja
from skp.services import penyusunan as services

HTMX = {"HX-Request": "true"}


@pytest.fixture
def rhk(org, skp_berjenjang):
    return services.simpan_rhk(
        org.kasi,
        RencanaHasilKerja(
            skp=skp_berjenjang["kasi"],
            teks="Tersusunnya laporan surveilans",
            rhk_atasan=skp_berjenjang["rhk_kabid"][0],
        ),
    )


@pytest.fixture
def rhk_kuantitatif(org, rhk):
    skp = rhk.skp
    skp.pendekatan = "kuantitatif"
    skp.save(update_fields=["pendekatan"])
    return rhk


def galat_isian(html: str, isian: str) -> list[str]:
    return re.findall(rf'<small class="error" id="[a-z0-9]+_{isian}_error">([^<]*)</small>', html)


def tambah(rhk):
    return reverse("skp_indikator_tambah", args=[rhk.pk])


def test_rhk_tanpa_indikator_mengajak_menambah(client, org, rhk):
    client.force_login(org.kasi)
    html = client.get(reverse("skp_detail", args=[rhk.skp_id])).content.decode()
    assert "Belum ada indikator" in html
    assert f'href="{tambah(rhk)}#rhk-{rhk.pk}"' in html


def test_buka_formulir_kualitatif_berisi_target_teks(client, org, rhk):
    client.force_login(org.kasi)
    resp = client.get(tambah(rhk))
    html = resp.content.decode()
    assert resp.status_code == 200 and "<html" in html
    form = resp.context["aktif"].form
    assert "target_teks" in form.fields and "target_min" not in form.fields
    assert "Ukuran untuk menilai apakah RHK tercapai" in html  # help text
    assert "<html" not in client.get(tambah(rhk), headers=HTMX).content.decode()


def test_buka_formulir_kuantitatif_berisi_angka_dan_satuan(client, org, rhk_kuantitatif):
    client.force_login(org.kasi)
    form = client.get(tambah(rhk_kuantitatif)).context["aktif"].form
    assert {"target_min", "target_maks", "satuan"} <= set(form.fields)
    assert "target_teks" not in form.fields


def test_tambah_indikator_kualitatif(client, org, rhk):
    client.force_login(org.kasi)
    resp = client.post(
        tambah(rhk),
        {"teks": "Laporan tepat waktu", "aspek": "waktu", "target_teks": "Setiap tanggal 5"},
    )
    assert resp.status_code == 302 and resp["Location"].endswith(f"#rhk-{rhk.pk}")
    ind = rhk.indikator.get()
    assert (ind.aspek, ind.target_tampil) == ("waktu", "Setiap tanggal 5")
    html = client.get(reverse("skp_detail", args=[rhk.skp_id])).content.decode()
    assert "Setiap tanggal 5" in html and "Waktu" in html


def test_tambah_indikator_kuantitatif_rentang_tampil_di_halaman(client, org, rhk_kuantitatif):
    client.force_login(org.kasi)
    resp = client.post(
        tambah(rhk_kuantitatif),
        {
            "teks": "Persentase laporan tanpa revisi",
            "aspek": "kualitas",
            "target_min": "90",
            "target_maks": "100",
            "satuan": "%",
        },
        headers=HTMX,
    )
    assert resp.status_code == 200
    assert "90–100 %" in resp.content.decode()
    assert rhk_kuantitatif.indikator.get().target_min == 90


def test_kuantitatif_maks_di_bawah_min_ditolak_di_samping_isian(client, org, rhk_kuantitatif):
    client.force_login(org.kasi)
    resp = client.post(
        tambah(rhk_kuantitatif),
        {
            "teks": "Persentase",
            "aspek": "kualitas",
            "target_min": "90",
            "target_maks": "80",
            "satuan": "%",
        },
    )
    html = resp.content.decode()
    assert resp.status_code == 200
    assert galat_isian(html, "target_maks") == ["Target maksimal tidak boleh di bawah minimal."]
    assert 'value="80"' in html and "Persentase</textarea>" in html
    assert not rhk_kuantitatif.indikator.exists()


def test_kuantitatif_tanpa_angka_dan_satuan_ditolak(client, org, rhk_kuantitatif):
    client.force_login(org.kasi)
    html = client.post(
        tambah(rhk_kuantitatif),
        {"teks": "Jumlah", "aspek": "kuantitas", "target_min": "", "satuan": ""},
    ).content.decode()
    assert galat_isian(html, "target_min") == ["SKP kuantitatif: target wajib berupa angka."]
    assert galat_isian(html, "satuan") == ["SKP kuantitatif: satuan target wajib diisi."]


def test_kualitatif_tanpa_target_ditolak(client, org, rhk):
    client.force_login(org.kasi)
    html = client.post(tambah(rhk), {"teks": "Laporan", "aspek": ""}).content.decode()
    assert galat_isian(html, "target_teks") == ["Target wajib diisi."]
    assert galat_isian(html, "aspek") == ["Pilih aspek yang diukur."]
    assert "Laporan</textarea>" in html


def test_ubah_dan_hapus_indikator(client, org, rhk):
    ind = services.simpan_indikator(
        org.kasi,
        IndikatorKinerja(rhk=rhk, teks="Lama", aspek="kuantitas", target_teks="10 laporan"),
    )
    client.force_login(org.kasi)
    url = reverse("skp_indikator_ubah", args=[ind.pk])
    assert f'id="indikator{ind.pk}_teks"' in client.get(url).content.decode()
    resp = client.post(url, {"teks": "Baru", "aspek": "kuantitas", "target_teks": "12 laporan"})
    assert resp.status_code == 302
    ind.refresh_from_db()
    assert (ind.teks, ind.target_teks) == ("Baru", "12 laporan")
    resp = client.post(reverse("skp_indikator_hapus", args=[ind.pk]), headers=HTMX)
    assert resp.status_code == 200 and "Belum ada indikator" in resp.content.decode()
    assert not IndikatorKinerja.objects.filter(pk=ind.pk).exists()
    aksi = set(Riwayat.objects.filter(object_id=rhk.skp_id).values_list("aksi", flat=True))
    assert {"skp.indikator_ditambah", "skp.indikator_diubah", "skp.indikator_dihapus"} <= aksi


def test_skp_ditetapkan_tidak_dapat_diubah(client, org, skp_berjenjang):
    """The kabid's SKP is ditetapkan: its indicators are frozen."""
    ind = skp_berjenjang["rhk_kabid"][0].indikator.get()
    client.force_login(org.kabid)
    resp = client.post(
        reverse("skp_indikator_ubah", args=[ind.pk]),
        {"teks": "Ubah", "aspek": "kuantitas", "target_teks": "1"},
    )
    assert "SKP berstatus Ditetapkan tidak dapat diubah lagi." in resp.content.decode()
    resp = client.post(
        tambah(skp_berjenjang["rhk_kabid"][0]),
        {"teks": "Baru", "aspek": "kuantitas", "target_teks": "1"},
    )
    assert "tidak dapat diubah lagi" in resp.content.decode()
    resp = client.post(reverse("skp_indikator_hapus", args=[ind.pk]), follow=True)
    assert "tidak dapat diubah lagi" in resp.content.decode()
    ind.refresh_from_db()
    assert ind.teks != "Ubah" and skp_berjenjang["rhk_kabid"][0].indikator.count() == 1


def test_operator_menambah_indikator_atas_nama(client, org, rhk):
    client.force_login(org.operator)
    resp = client.post(tambah(rhk), {"teks": "Laporan", "aspek": "waktu", "target_teks": "Tgl 5"})
    assert resp.status_code == 302
    r = Riwayat.objects.get(object_id=rhk.skp_id, aksi="skp.indikator_ditambah")
    assert (r.pelaku, r.subjek, r.sebagai) == (org.operator, org.kasi, "operator")


@pytest.mark.parametrize(
    ("siapa", "kode"), [("atasan", 403), ("pegawai_lain", 404), ("instansi_lain", 404)]
)
def test_yang_tidak_berhak(client, org, rhk, siapa, kode):
    ind = services.simpan_indikator(
        org.kasi,
        IndikatorKinerja(rhk=rhk, teks="Lama", aspek="kuantitas", target_teks="10 laporan"),
    )
    client.force_login(
        {"atasan": org.kabid, "pegawai_lain": org.staf, "instansi_lain": org.orang_lain}[siapa]
    )
    data = {"teks": "X", "aspek": "kuantitas", "target_teks": "1"}
    assert client.get(tambah(rhk)).status_code == kode
    assert client.post(tambah(rhk), data).status_code == kode
    assert client.get(reverse("skp_indikator_ubah", args=[ind.pk])).status_code == kode
    assert client.post(reverse("skp_indikator_ubah", args=[ind.pk]), data).status_code == kode
    assert client.post(reverse("skp_indikator_hapus", args=[ind.pk])).status_code == kode
    assert list(rhk.indikator.values_list("teks", flat=True)) == ["Lama"]
