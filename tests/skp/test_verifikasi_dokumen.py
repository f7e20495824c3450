"""Anyone holding a copy checks it on the public verification page: genuine, in force, intact."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inti import tanda_tangan
from skp.services import dokumen
from skp.services import penyusunan as services
from skp.views import dokumen as views_dokumen


@pytest.fixture(scope="module")
def sertifikat_demo(tmp_path_factory):
    p12 = tmp_path_factory.mktemp("ttd") / "demo-ttd.p12"
    return tanda_tangan.buat_sertifikat_demo(p12, b"rahasia-uji", "Pemerintah Kabupaten Uji")


@pytest.fixture
def ttd(settings, sertifikat_demo):
    settings.EKINERJA_SIGN_P12 = str(sertifikat_demo.p12)
    settings.EKINERJA_SIGN_P12_PASSWORD = "rahasia-uji"
    return sertifikat_demo


@pytest.fixture
def dok(skp_berjenjang, ttd):
    return dokumen.terbitkan_dokumen_skp(skp_berjenjang["kabid"].pk)


def url(kode: str) -> str:
    return reverse("verifikasi_dokumen", kwargs={"kode": kode})


def isi(d) -> bytes:
    with d.berkas.open("rb") as f:
        return f.read()


COCOK = "Berkas cocok"
TIDAK_COCOK = "Berkas tidak cocok"


def test_halaman_publik_menampilkan_identitas_dan_sha256(client, org, skp_berjenjang, dok):
    resp = client.get(url(dok.kode))  # nobody logged in

    assert resp.status_code == 200
    html = resp.content.decode()
    assert hashlib.sha256(isi(dok)).hexdigest() in html
    assert "BERLAKU" in html and "Sasaran Kinerja Pegawai" in html
    assert org.kabid.nama in html
    assert org.kabid.nip[:6] + "**********" + org.kabid.nip[-2:] in html
    assert org.kabid.nip not in html  # never the whole NIP on a public page
    assert "e-Kinerja Demo — Pemerintah Kabupaten Uji" in html
    assert str(skp_berjenjang["kabid"].periode.tahun) in html
    assert resp["X-Robots-Tag"] == "noindex, nofollow"


def test_halaman_tidak_membocorkan_data_lain(client, org, skp_berjenjang, dok):
    html = client.get(url(dok.kode)).content.decode()

    # The pejabat penilai, the unit and the RHK are in the PDF, not on the public page.
    assert org.kadis.nama not in html
    assert org.kadis.nip not in html
    assert "Bidang P2P" not in html
    assert "RHK 1 Kabid" not in html


def test_unggah_berkas_asli_cocok(client, dok):
    berkas = SimpleUploadedFile("skp.pdf", isi(dok), content_type="application/pdf")

    resp = client.post(url(dok.kode), {"berkas": berkas})

    assert resp.status_code == 200
    html = resp.content.decode()
    assert COCOK in html and TIDAK_COCOK not in html


def test_unggah_berkas_diubah_tidak_cocok(client, dok):
    data = bytearray(isi(dok))
    data[-5] ^= 0x01
    berkas = SimpleUploadedFile("skp.pdf", bytes(data), content_type="application/pdf")

    resp = client.post(url(dok.kode), {"berkas": berkas})

    assert resp.status_code == 200
    assert TIDAK_COCOK in resp.content.decode()


def test_unggahan_hanya_di_hash_tidak_disimpan():
    # The handler swallows every chunk (nothing reaches a memory or temp-file handler) and
    # hands the form an empty file carrying only its size and SHA-256.
    penghitung = views_dokumen.HashUnggahan(batas=100)
    penghitung.new_file("berkas", "skp.pdf", "application/pdf", None)

    assert penghitung.receive_data_chunk(b"%PDF-", 0) is None
    assert penghitung.receive_data_chunk(b"isi", 5) is None
    hasil = penghitung.file_complete(8)

    assert hasil.sha256 == hashlib.sha256(b"%PDF-isi").hexdigest()
    assert hasil.size == 8 and hasil.read() == b""


def test_unggahan_terlalu_besar_ditolak(client, dok, monkeypatch):
    monkeypatch.setattr(views_dokumen, "BATAS_UNGGAH", 1000)
    berkas = SimpleUploadedFile("besar.pdf", b"x" * 5000, content_type="application/pdf")

    resp = client.post(url(dok.kode), {"berkas": berkas})

    html = resp.content.decode()
    assert resp.status_code == 200
    assert "lebih besar dari 20 MB" in html
    assert COCOK not in html and TIDAK_COCOK not in html


def test_tanpa_berkas_pesan_wajib(client, dok):
    resp = client.post(url(dok.kode), {})

    assert resp.status_code == 200
    assert COCOK not in resp.content.decode() and TIDAK_COCOK not in resp.content.decode()
    assert resp.context["form"].errors["berkas"]


def test_setelah_revisi_kode_lama_digantikan_dan_menaut_ke_yang_baru(
    client, org, skp_berjenjang, dok, django_capture_on_commit_callbacks
):
    revisi = services.revisi_skp(org.kabid, skp_berjenjang["kabid"])
    services.ajukan_skp(org.kabid, revisi)
    services.setujui_skp(org.kadis, revisi)
    with django_capture_on_commit_callbacks(execute=True):
        services.tetapkan_skp(org.kadis, revisi)
    baru = dokumen.dokumen_skp(revisi.pk)

    lama_html = client.get(url(dok.kode)).content.decode()
    baru_html = client.get(url(baru.kode)).content.decode()

    assert "DIGANTIKAN" in lama_html and "BERLAKU" not in lama_html
    assert f'href="{url(baru.kode)}"' in lama_html
    assert "BERLAKU" in baru_html and "DIGANTIKAN" not in baru_html


def test_kode_tak_dikenal_404_dengan_pesan(client, dok):
    resp = client.get(url("kodeTidakAda1"))

    assert resp.status_code == 404
    html = resp.content.decode()
    assert "Kode verifikasi tidak dikenal" in html
    assert dok.sha256 not in html


def test_kode_terlalu_panjang_404(client, db):
    assert client.get(url("x" * 200)).status_code == 404


def test_pengguna_masuk_melihat_halaman_yang_sama(client, org, dok):
    client.force_login(org.orang_lain)  # of another instansi: the page is public anyway

    resp = client.get(url(dok.kode))

    assert resp.status_code == 200 and dok.sha256 in resp.content.decode()
