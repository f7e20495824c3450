"""Downloading the signed SKP PDF: what it shows, when it is made, who may download it."""

import io
import re

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader

from inti import tanda_tangan
from pegawai.models import Pegawai, Riwayat
from skp import rules
from skp.models import Dokumen, LampiranSkp, Skp
from skp.services import dokumen
from skp.services import penyusunan as services
from tests.factories import PegawaiFactory


# --- fixtures (shared by the three document test modules; candidates for conftest.py) ---------
@pytest.fixture(scope="module")
def sertifikat_demo(tmp_path_factory):
    p12 = tmp_path_factory.mktemp("ttd") / "demo-ttd.p12"
    return tanda_tangan.buat_sertifikat_demo(p12, b"rahasia-uji", "Pemerintah Kabupaten Uji")


@pytest.fixture
def ttd(settings, sertifikat_demo):
    settings.EKINERJA_SIGN_P12 = str(sertifikat_demo.p12)
    settings.EKINERJA_SIGN_P12_PASSWORD = "rahasia-uji"
    settings.EKINERJA_BASE_URL = "https://ekinerja.contoh.go.id"
    return sertifikat_demo


def teks_halaman(data: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]


def isi_berkas(dok: Dokumen) -> bytes:
    with dok.berkas.open("rb") as f:
        return f.read()


# --- what the document shows ------------------------------------------------------------------
def test_pdf_memuat_isi_skp_dan_kode_verifikasi(org, skp_berjenjang, ttd):
    kabid = skp_berjenjang["kabid"]
    LampiranSkp.objects.create(skp=kabid, jenis="dukungan", teks="Anggaran surveilans 2026")
    LampiranSkp.objects.create(skp=kabid, jenis="konsekuensi", teks="Teguran tertulis")

    dok = dokumen.terbitkan_dokumen_skp(kabid.pk)

    halaman = teks_halaman(isi_berkas(dok))
    semua = " ".join(halaman)
    assert "SASARAN KINERJA PEGAWAI" in semua
    assert "PEGAWAI YANG DINILAI" in semua and "PEJABAT PENILAI KINERJA" in semua
    assert "RHK 1 Kabid" in semua  # his RHK
    assert "RHK 1 Kadis" in semua  # the atasan's RHK it intervenes
    assert "Indikator 1" in semua and "100% tepat waktu" in semua
    for orang in (org.kabid, org.kadis):  # pegawai and pejabat penilai
        assert orang.nama in semua and orang.nip in semua
    for nilai in rules.BERAKHLAK:
        assert nilai.nama in semua
    assert rules.BERAKHLAK[0].panduan[0] in semua
    assert "Anggaran surveilans 2026" in semua and "Teguran tertulis" in semua
    assert "Dokumen ini ditandatangani secara elektronik" in semua
    # The footer (code, QR link) and the page number are on every page.
    assert len(halaman) >= 2
    for nomor, teks in enumerate(halaman, start=1):
        assert dok.kode in teks
        assert f"Halaman {nomor} dari {len(halaman)}" in teks


def test_pdf_jpt_dikelompokkan_per_perspektif_dengan_ppk_sebagai_penilai(org, skp_berjenjang, ttd):
    dok = dokumen.terbitkan_dokumen_skp(skp_berjenjang["kadis"].pk)

    semua = " ".join(teks_halaman(isi_berkas(dok)))
    assert "Perspektif Penerima Layanan" in semua
    assert "PIMPINAN TINGGI" in semua
    assert org.instansi.ppk_nama in semua


def test_identitas_dibekukan_pada_penetapan(org, skp_berjenjang, ttd):
    # Renamed after penetapan: the document still shows who he was that day.
    Pegawai.objects.filter(pk=org.kabid.pk).update(nama="Nama Sesudah Penetapan")

    dok = dokumen.terbitkan_dokumen_skp(skp_berjenjang["kabid"].pk)

    semua = " ".join(teks_halaman(isi_berkas(dok)))
    assert "Kabid" in semua
    assert "Nama Sesudah Penetapan" not in semua
    assert dok.judul == f"SKP {skp_berjenjang['kabid'].periode.tahun} v1 — Kabid — {org.kabid.nip}"


# --- issuing ------------------------------------------------------------------------------------
def test_penerbitan_menyimpan_berkas_hash_dan_riwayat(org, skp_berjenjang, ttd):
    kabid = skp_berjenjang["kabid"]

    dok = dokumen.terbitkan_dokumen_skp(kabid.pk)

    data = isi_berkas(dok)
    assert data.startswith(b"%PDF-")
    assert dok.ukuran == len(data)
    assert re.fullmatch(r"[A-Za-z0-9_-]{12}", dok.kode)
    assert dok.penanda_tangan == "e-Kinerja Demo — Pemerintah Kabupaten Uji"
    assert dok.status == Dokumen.Status.BERLAKU and dok.pegawai == org.kabid
    assert Riwayat.objects.filter(aksi="skp.dokumen_diterbitkan", object_id=kabid.pk).count() == 1


def test_penerbitan_idempoten(skp_berjenjang, ttd):
    pertama = dokumen.terbitkan_dokumen_skp(skp_berjenjang["kabid"].pk)
    kedua = dokumen.terbitkan_dokumen_skp(skp_berjenjang["kabid"].pk)

    assert kedua.pk == pertama.pk and kedua.sha256 == pertama.sha256
    assert Dokumen.objects.count() == 1


def test_skp_belum_ditetapkan_tidak_diterbitkan(skp_berjenjang, ttd):
    with pytest.raises(ValidationError):
        dokumen.terbitkan_dokumen_skp(skp_berjenjang["kasi"].pk)
    assert not Dokumen.objects.exists()


def test_tanpa_sertifikat_pesan_jelas(settings, tmp_path, skp_berjenjang):
    settings.EKINERJA_SIGN_P12 = str(tmp_path / "tidak-ada.p12")

    with pytest.raises(ImproperlyConfigured, match="buat_sertifikat_demo"):
        dokumen.terbitkan_dokumen_skp(skp_berjenjang["kabid"].pk)
    assert not Dokumen.objects.exists()


def test_tugas_setelah_penetapan_revisi_menggantikan_dokumen_lama(
    org, skp_berjenjang, ttd, django_capture_on_commit_callbacks
):
    kabid = skp_berjenjang["kabid"]
    lama = dokumen.terbitkan_dokumen_skp(kabid.pk)
    revisi = services.revisi_skp(org.kabid, kabid)
    services.ajukan_skp(org.kabid, revisi)
    services.setujui_skp(org.kadis, revisi)

    with django_capture_on_commit_callbacks(execute=True):
        services.tetapkan_skp(org.kadis, revisi)

    baru = dokumen.dokumen_skp(revisi.pk)
    assert baru is not None and baru.status == Dokumen.Status.BERLAKU
    assert baru.judul.startswith(f"SKP {kabid.periode.tahun} v2 — ")
    lama.refresh_from_db()
    assert lama.status == Dokumen.Status.DIGANTIKAN and lama.digantikan_oleh == baru


def test_dokumen_versi_lama_yang_terlambat_lahir_digantikan(org, skp_berjenjang, ttd):
    # Broker down all along: the revision's document exists, the old version's does not yet.
    kabid = skp_berjenjang["kabid"]
    revisi = services.revisi_skp(org.kabid, kabid)
    services.ajukan_skp(org.kabid, revisi)
    services.setujui_skp(org.kadis, revisi)
    services.tetapkan_skp(org.kadis, revisi)
    baru = dokumen.terbitkan_dokumen_skp(revisi.pk)

    lama = dokumen.terbitkan_dokumen_skp(kabid.pk)

    assert Skp.objects.get(pk=kabid.pk).status == Skp.Status.DIGANTIKAN
    assert lama.status == Dokumen.Status.DIGANTIKAN and lama.digantikan_oleh == baru


def test_bagian_murni():
    assert dokumen.samarkan_nip("198503152010011001") == "198503**********01"
    assert dokumen.konten_nomor_halaman() == '"Halaman " counter(page) " dari " counter(pages) ""'


# --- downloading --------------------------------------------------------------------------------
@pytest.fixture
def dokumen_kabid(skp_berjenjang):
    """A stored document for the kabid's SKP without rendering (access tests need no real PDF)."""
    dok = Dokumen(
        kode="kodeujiakses",
        jenis=Dokumen.Jenis.SKP,
        judul="SKP uji",
        pegawai=skp_berjenjang["kabid"].pegawai,
        content_type_id=dokumen.ContentType.objects.get_for_model(Skp).pk,
        object_id=skp_berjenjang["kabid"].pk,
        sha256="0" * 64,
        ukuran=9,
        penanda_tangan="Uji",
    )
    dok.berkas.save("uji.pdf", ContentFile(b"%PDF-uji\n"), save=True)
    return dok


def url_unduh(skp) -> str:
    return reverse("skp_dokumen", kwargs={"skp_id": skp.pk})


@pytest.mark.parametrize("siapa", ["kabid", "kadis", "operator", "admin"])
def test_yang_berhak_mengunduh_pdf(client, org, skp_berjenjang, dokumen_kabid, siapa):
    client.force_login(getattr(org, siapa))

    resp = client.get(url_unduh(skp_berjenjang["kabid"]))

    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/pdf"
    nip = org.kabid.nip
    tahun = skp_berjenjang["kabid"].periode.tahun
    assert resp["Content-Disposition"] == f'attachment; filename="SKP-{tahun}-{nip}-v1.pdf"'
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert b"".join(resp.streaming_content) == b"%PDF-uji\n"


@pytest.mark.parametrize("siapa", ["staf", "orang_lain", "pegawai_unit_lain"])
def test_skp_orang_lain_404(client, org, skp_berjenjang, dokumen_kabid, siapa):
    if siapa == "pegawai_unit_lain":
        user = PegawaiFactory(instansi=org.instansi, unit_kerja=org.unit_lain)
    else:
        user = getattr(org, siapa)
    client.force_login(user)

    assert client.get(url_unduh(skp_berjenjang["kabid"])).status_code == 404


def test_anonim_diarahkan_masuk(client, skp_berjenjang, dokumen_kabid):
    resp = client.get(url_unduh(skp_berjenjang["kabid"]))

    assert resp.status_code == 302 and resp["Location"].startswith(reverse("masuk"))


def test_skp_belum_ditetapkan_404(client, org, skp_berjenjang, ttd):
    client.force_login(org.kasi)

    assert client.get(url_unduh(skp_berjenjang["kasi"])).status_code == 404
    assert not Dokumen.objects.exists()


def test_dibuat_saat_diminta_bila_tugas_belum_jalan(client, org, skp_berjenjang, ttd):
    # The fixture's penetapan never ran its on_commit task: no document yet.
    assert not Dokumen.objects.exists()
    client.force_login(org.kabid)

    resp = client.get(url_unduh(skp_berjenjang["kabid"]))

    assert resp.status_code == 200
    data = b"".join(resp.streaming_content)
    dok = Dokumen.objects.get()
    assert data == isi_berkas(dok) and data.startswith(b"%PDF-")
    # Downloading again serves the same document.
    again = client.get(url_unduh(skp_berjenjang["kabid"]))
    assert b"".join(again.streaming_content) == data
    assert Dokumen.objects.count() == 1
