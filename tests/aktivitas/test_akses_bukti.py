"""Evidence is served only through its view, to those who may see the activity: the pegawai,
his operator, his pejabat penilai (today's, or the one on the activity's date) and the admin
instansi.  Anyone else gets 404, as if it did not exist."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aktivitas.models import Aktivitas, BuktiDukung
from aktivitas.services import bukti as services_bukti
from aktivitas.services import harian as akt
from tests.aktivitas.conftest import data, kunci
from tests.aktivitas.test_sniff_bukti import buat_docx, buat_pdf, buat_png
from tests.factories import PegawaiFactory

HTMX = {"HX-Request": "true"}
BOLEH_LIHAT = ("staf", "operator", "kasi", "admin", "superuser")
TIDAK_BOLEH = ("jf", "kabid", "orang_lain")


@pytest.fixture
def penyimpanan(settings, tmp_path) -> Path:
    akar = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(akar)},
        },
    }
    return akar


@pytest.fixture
def aktivitas(org, penyimpanan):
    a, _ = akt.catat_aktivitas(org.staf, org.staf, data(), kunci())
    return a


@pytest.fixture
def pdf(org, aktivitas):
    isi = buat_pdf()
    f = SimpleUploadedFile('Laporan "Maret" 2026.pdf', isi)
    return services_bukti.tambah_bukti_berkas(org.staf, aktivitas, f), isi


@pytest.fixture
def orang(org):
    superuser = PegawaiFactory(nama="Root", is_superuser=True, is_staff=True, instansi=None)
    return {
        "staf": org.staf,
        "operator": org.operator,
        "kasi": org.kasi,  # his pejabat penilai
        "admin": org.admin,
        "superuser": superuser,
        "jf": org.jf,  # a colleague in the same bidang
        "kabid": org.kabid,  # the penilai's own atasan: not the activity's penilai
        "orang_lain": org.orang_lain,  # another instansi
    }


@pytest.mark.parametrize("siapa", BOLEH_LIHAT + TIDAK_BOLEH)
def test_unduh_dan_pratinjau_per_peran(client, orang, pdf, siapa):
    bukti, isi = pdf
    client.force_login(orang[siapa])
    kode = 200 if siapa in BOLEH_LIHAT else 404
    resp = client.get(reverse("bukti_unduh", args=[bukti.pk]))
    assert resp.status_code == kode
    if kode == 200:
        assert b"".join(resp.streaming_content) == isi
    assert client.get(reverse("bukti_pratinjau", args=[bukti.pk])).status_code == kode


def test_penilai_pada_tanggal_aktivitas_tetap_melihat(client, org, aktivitas, pdf):
    # The jf acted as penilai (Plh) on the activity's date; today he is not the staf's atasan.
    Aktivitas.objects.filter(pk=aktivitas.pk).update(penilai=org.jf)
    client.force_login(org.jf)
    assert client.get(reverse("bukti_unduh", args=[pdf[0].pk])).status_code == 200


def test_anonim_diarahkan_masuk(client, pdf):
    resp = client.get(reverse("bukti_unduh", args=[pdf[0].pk]))
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("masuk"))


def test_header_unduhan(client, org, pdf):
    bukti, isi = pdf
    client.force_login(org.kasi)
    resp = client.get(reverse("bukti_unduh", args=[bukti.pk]))
    assert resp["Content-Type"] == "application/pdf"
    assert resp["Content-Disposition"] == 'attachment; filename="Laporan \\"Maret\\" 2026.pdf"'
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert resp["Cache-Control"] == "private, max-age=0"
    assert resp["Content-Length"] == str(len(isi))


def test_gambar_dilihat_inline_dalam_sandbox(client, org, aktivitas):
    bukti = services_bukti.tambah_bukti_berkas(
        org.staf, aktivitas, SimpleUploadedFile("foto.png", buat_png())
    )
    client.force_login(org.kasi)
    resp = client.get(reverse("bukti_unduh", args=[bukti.pk]), {"lihat": "1"})
    assert resp["Content-Type"] == "image/png"
    assert resp["Content-Disposition"] == 'inline; filename="foto.png"'
    assert resp["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert resp["X-Content-Type-Options"] == "nosniff"
    # Without ?lihat=1 it is a download.
    resp = client.get(reverse("bukti_unduh", args=[bukti.pk]))
    assert resp["Content-Disposition"].startswith("attachment;")
    assert "sandbox" not in resp["Content-Security-Policy"]  # the site's policy only


def test_pdf_dilihat_inline_tanpa_skrip(client, org, pdf):
    client.force_login(org.kasi)
    resp = client.get(reverse("bukti_unduh", args=[pdf[0].pk]), {"lihat": "1"})
    assert resp["Content-Disposition"].startswith("inline;")
    assert resp["Content-Security-Policy"].startswith("default-src 'none'")


def test_dokumen_office_selalu_diunduh(client, org, aktivitas):
    bukti = services_bukti.tambah_bukti_berkas(
        org.staf, aktivitas, SimpleUploadedFile("notulen.docx", buat_docx())
    )
    client.force_login(org.kasi)
    resp = client.get(reverse("bukti_unduh", args=[bukti.pk]), {"lihat": "1"})
    assert resp["Content-Disposition"] == 'attachment; filename="notulen.docx"'
    assert "sandbox" not in resp["Content-Security-Policy"]  # the site's policy only


def test_jenis_tersimpan_yang_asing_diunduh_sebagai_biner(client, org, pdf):
    BuktiDukung.objects.filter(pk=pdf[0].pk).update(jenis_konten="text/html")
    client.force_login(org.staf)
    resp = client.get(reverse("bukti_unduh", args=[pdf[0].pk]), {"lihat": "1"})
    assert resp["Content-Type"] == "application/octet-stream"
    assert resp["Content-Disposition"].startswith("attachment;")


def test_tautan_tidak_diunduh_hanya_ditampilkan(client, org, aktivitas):
    url = "https://drive.google.com/file/d/1abc/view"
    bukti = services_bukti.tambah_bukti_tautan(org.staf, aktivitas, url)
    client.force_login(org.kasi)
    assert client.get(reverse("bukti_unduh", args=[bukti.pk])).status_code == 404
    html = client.get(reverse("bukti_pratinjau", args=[bukti.pk]), headers=HTMX).content.decode()
    assert "<html" not in html
    assert f'<a href="{url}" target="_blank" rel="noopener noreferrer">' in html
    assert "<strong>drive.google.com</strong>" in html


def test_pratinjau_gambar_memakai_url_inline(client, org, aktivitas):
    bukti = services_bukti.tambah_bukti_berkas(
        org.staf, aktivitas, SimpleUploadedFile("foto.png", buat_png())
    )
    client.force_login(org.kasi)
    html = client.get(reverse("bukti_pratinjau", args=[bukti.pk]), headers=HTMX).content.decode()
    assert f'<img src="{reverse("bukti_unduh", args=[bukti.pk])}?lihat=1"' in html
    # A full page without htmx, for a browser without JavaScript.
    html = client.get(reverse("bukti_pratinjau", args=[bukti.pk])).content.decode()
    assert "<html" in html and "Pratinjau bukti dukung" in html


def test_berkas_hilang_dari_storage_404(client, org, pdf, penyimpanan):
    (penyimpanan / pdf[0].berkas.name).unlink()
    client.force_login(org.staf)
    assert client.get(reverse("bukti_unduh", args=[pdf[0].pk])).status_code == 404


@pytest.mark.parametrize(
    ("siapa", "kode"),
    [("kasi", 403), ("admin", 403), ("superuser", 403), ("jf", 404), ("orang_lain", 404)],
)
def test_yang_hanya_melihat_atau_asing_tidak_dapat_mengubah(
    client, orang, aktivitas, pdf, penyimpanan, siapa, kode
):
    bukti, _isi = pdf
    client.force_login(orang[siapa])
    f = SimpleUploadedFile("lain.pdf", buat_pdf())
    assert client.post(reverse("bukti_unggah", args=[aktivitas.pk]), {"berkas": f}).status_code == (
        kode
    )
    tautan = {"tautan": "https://contoh.go.id"}
    assert client.post(reverse("bukti_tautan", args=[aktivitas.pk]), tautan).status_code == kode
    assert client.post(reverse("bukti_hapus", args=[bukti.pk])).status_code == kode
    assert list(BuktiDukung.objects.all()) == [bukti]
    assert len([p for p in penyimpanan.rglob("*") if p.is_file()]) == 1


def test_alamat_hanya_post(client, org, aktivitas, pdf):
    client.force_login(org.staf)
    assert client.get(reverse("bukti_unggah", args=[aktivitas.pk])).status_code == 405
    assert client.get(reverse("bukti_hapus", args=[pdf[0].pk])).status_code == 405
