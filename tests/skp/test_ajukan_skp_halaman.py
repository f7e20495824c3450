"""The pegawai checks his SKP is complete and submits it to his pejabat penilai."""

import pytest
from django.urls import reverse

from pegawai.models import Riwayat
from skp.models import RencanaHasilKerja, Skp
from skp.services import penyusunan as services
from tests.skp.conftest import isi_skp


@pytest.fixture
def kasi(skp_berjenjang):
    return skp_berjenjang["kasi"]


@pytest.fixture
def kasi_siap(org, kasi, skp_berjenjang):
    isi_skp(org.kasi, kasi, rhk_atasan=skp_berjenjang["rhk_kabid"][0])
    return kasi


def ajukan(skp):
    return reverse("skp_ajukan", args=[skp.pk])


def detail(skp):
    return reverse("skp_detail", args=[skp.pk])


def test_daftar_periksa_menyebut_kekurangan_dan_tombol_nonaktif(client, org, kasi):
    services.simpan_rhk(org.kasi, RencanaHasilKerja(skp=kasi, teks="Laporan surveilans"))
    client.force_login(org.kasi)
    html = client.get(detail(kasi)).content.decode()
    assert "Kesiapan pengajuan" in html
    assert "RHK &quot;Laporan surveilans&quot; belum memiliki indikator." in html
    assert "belum memilih RHK atasan yang diintervensi" in html
    assert 'disabled aria-describedby="kekurangan-ket">Ajukan SKP' in html
    assert f'action="{ajukan(kasi)}"' not in html


def test_skp_lengkap_dapat_diajukan(client, org, kasi_siap):
    client.force_login(org.kasi)
    html = client.get(detail(kasi_siap)).content.decode()
    # The button asks first (tests/skp/test_konfirmasi_ajukan.py); its confirmation posts here.
    assert f'href="{ajukan(kasi_siap)}"' in html and 'data-konfirmasi="ajukan-skp"' in html
    resp = client.post(ajukan(kasi_siap), follow=True)
    kasi_siap.refresh_from_db()
    assert kasi_siap.status == Skp.Status.DIAJUKAN and kasi_siap.penilai == org.kabid
    assert resp.redirect_chain[-1][0] == detail(kasi_siap)
    html = resp.content.decode()
    assert "SKP diajukan kepada pejabat penilai" in html
    assert "Kesiapan pengajuan" not in html  # no longer editable
    r = Riwayat.objects.get(object_id=kasi_siap.pk, aksi="skp.diajukan")
    assert (r.pelaku, r.sebagai, r.dari_status, r.ke_status) == (
        org.kasi,
        "sendiri",
        "draft",
        "diajukan",
    )


def test_skp_belum_lengkap_ditolak_dengan_daftar_masalah(client, org, kasi):
    client.force_login(org.kasi)
    resp = client.post(ajukan(kasi), follow=True)
    html = resp.content.decode()
    assert "SKP belum dapat diajukan:" in html
    assert "Isi minimal satu RHK utama." in html
    kasi.refresh_from_db()
    assert kasi.status == Skp.Status.DRAFT


def test_skp_sudah_diajukan_tidak_diajukan_lagi(client, org, kasi_siap):
    services.ajukan_skp(org.kasi, kasi_siap)
    client.force_login(org.kasi)
    resp = client.post(ajukan(kasi_siap), follow=True)
    # A repeated submit (double click, back button) is answered from the state it left.
    assert "SKP ini sudah diajukan; tidak diajukan dua kali." in resp.content.decode()
    assert Riwayat.objects.filter(object_id=kasi_siap.pk, aksi="skp.diajukan").count() == 1


def test_skp_dikembalikan_menampilkan_alasan_dan_dapat_diajukan_lagi(client, org, kasi_siap):
    services.ajukan_skp(org.kasi, kasi_siap)
    services.kembalikan_skp(org.kabid, kasi_siap, "Indikator RHK 1 belum terukur.")
    client.force_login(org.kasi)
    html = client.get(detail(kasi_siap)).content.decode()
    assert "SKP dikembalikan oleh pejabat penilai." in html
    assert "Indikator RHK 1 belum terukur." in html
    assert "Dikembalikan" in html
    assert f'href="{ajukan(kasi_siap)}"' in html
    client.post(ajukan(kasi_siap))
    kasi_siap.refresh_from_db()
    assert kasi_siap.status == Skp.Status.DIAJUKAN


def test_operator_mengajukan_atas_nama(client, org, kasi_siap):
    client.force_login(org.operator)
    assert client.post(ajukan(kasi_siap)).status_code == 302
    r = Riwayat.objects.get(object_id=kasi_siap.pk, aksi="skp.diajukan")
    assert (r.pelaku, r.subjek, r.sebagai) == (org.operator, org.kasi, "operator")


@pytest.mark.parametrize(
    ("siapa", "kode"),
    [("atasan", 403), ("admin", 403), ("pegawai_lain", 404), ("instansi_lain", 404)],
)
def test_yang_tidak_berhak(client, org, kasi_siap, siapa, kode):
    client.force_login(
        {
            "atasan": org.kabid,
            "admin": org.admin,
            "pegawai_lain": org.staf,
            "instansi_lain": org.orang_lain,
        }[siapa]
    )
    assert client.post(ajukan(kasi_siap)).status_code == kode
    kasi_siap.refresh_from_db()
    assert kasi_siap.status == Skp.Status.DRAFT


def test_atasan_tidak_melihat_daftar_periksa(client, org, kasi_siap):
    client.force_login(org.kabid)
    html = client.get(detail(kasi_siap)).content.decode()
    assert "Kesiapan pengajuan" not in html and "Tambah RHK" not in html
