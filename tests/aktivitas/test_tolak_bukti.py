"""A refused evidence file or link says why, next to the field, and leaves nothing behind:
no row, no file in the storage, no history."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from aktivitas.models import BuktiDukung, PengaturanKinerja
from aktivitas.services import bukti as services_bukti
from aktivitas.services import harian as akt
from pegawai.models import Riwayat
from tests.aktivitas.conftest import data, kunci
from tests.aktivitas.test_sniff_bukti import (
    ELF,
    EXE,
    HTML,
    SVG,
    buat_docx,
    buat_pdf,
    buat_png,
    buat_xlsx,
)

HTMX = {"HX-Request": "true"}
MB = 1024 * 1024


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


def berkas_di(akar: Path) -> list[Path]:
    return sorted(p for p in akar.rglob("*") if p.is_file()) if akar.exists() else []


def tidak_ada_yang_tersimpan(akar: Path) -> None:
    assert not BuktiDukung.objects.exists()
    assert berkas_di(akar) == []
    assert not Riwayat.objects.filter(aksi__startswith="bukti.").exists()


def unggah(client, aktivitas, nama, isi, *, headers=None):
    # The browser's claimed type is ignored; claim the "right" one to show it.
    f = SimpleUploadedFile(nama, isi, content_type="application/pdf")
    return client.post(reverse("bukti_unggah", args=[aktivitas.pk]), {"berkas": f}, headers=headers)


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        (
            "laporan.pdf",
            buat_png(),
            "Isi berkas adalah gambar PNG, tidak sesuai dengan ekstensinya",
        ),
        ("laporan.pdf", HTML, "Isi berkas adalah halaman web (HTML)."),
        ("foto.png", SVG, "Isi berkas adalah gambar SVG"),
        ("laporan.pdf", EXE, "Isi berkas adalah program (executable)."),
        ("foto.jpg", ELF, "Isi berkas adalah program (executable)."),
        ("notulen.docx", buat_docx(makro=True), "Dokumen Office ini berisi makro."),
        ("rekap.docx", buat_xlsx(), "Isi berkas adalah lembar kerja Excel (.xlsx), tidak sesuai"),
        ("laporan.pdf", b"", "Berkas kosong."),
        ("program.exe", EXE, "Berkas .exe tidak diterima. Jenis yang diterima: pdf, jpg,"),
        ("halaman.html", HTML, "Berkas .html tidak diterima."),
        ("gambar.svg", SVG, "Berkas .svg tidak diterima."),
    ],
)
def test_berkas_ditolak_dengan_pesan(client, org, aktivitas, penyimpanan, nama, isi, pesan):
    client.force_login(org.staf)
    resp = unggah(client, aktivitas, nama, isi)
    html = resp.content.decode()
    assert resp.status_code == 200
    # Next to the field, in the refusal page with the activity and its evidence forms.
    assert f'id="bukti-{aktivitas.pk}-berkas-error">{pesan}' in html
    assert "Bukti dukung aktivitas" in html
    tidak_ada_yang_tersimpan(penyimpanan)


def test_htmx_mendapat_daftar_dengan_pesan(client, org, aktivitas, penyimpanan):
    client.force_login(org.staf)
    resp = unggah(client, aktivitas, "laporan.pdf", HTML, headers=HTMX)
    html = resp.content.decode()
    assert resp.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith(f'<section id="bukti-{aktivitas.pk}"')
    assert "halaman web (HTML)" in html
    tidak_ada_yang_tersimpan(penyimpanan)


def test_tanpa_berkas(client, org, aktivitas, penyimpanan):
    client.force_login(org.staf)
    resp = client.post(reverse("bukti_unggah", args=[aktivitas.pk]), {})
    assert "Pilih berkas yang akan diunggah." in resp.content.decode()
    tidak_ada_yang_tersimpan(penyimpanan)


def test_terlalu_besar_dihentikan_saat_diterima(client, org, aktivitas, penyimpanan):
    PengaturanKinerja.objects.update_or_create(
        instansi=org.instansi, defaults={"ukuran_bukti_maks_mb": 1}
    )
    client.force_login(org.staf)
    resp = unggah(client, aktivitas, "pindaian.pdf", buat_pdf() + b"0" * MB)
    assert "Ukuran berkas melebihi batas 1 MB." in resp.content.decode()
    tidak_ada_yang_tersimpan(penyimpanan)
    # Just under the limit passes.
    isi = b"%PDF-1.4\n" + b"0" * (MB - 9)
    assert unggah(client, aktivitas, "pas.pdf", isi).status_code == 302


def test_jenis_yang_tidak_diizinkan_instansi(client, org, aktivitas, penyimpanan):
    PengaturanKinerja.objects.update_or_create(
        instansi=org.instansi, defaults={"jenis_bukti": "pdf"}
    )
    client.force_login(org.staf)
    resp = unggah(client, aktivitas, "foto.png", buat_png())
    assert "Berkas .png tidak diterima. Jenis yang diterima: pdf." in resp.content.decode()
    tidak_ada_yang_tersimpan(penyimpanan)


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(document.cookie)", "data:text/html,<b>x</b>", "ftp://contoh.go.id/a"],
)
def test_tautan_selain_http_ditolak(client, org, aktivitas, penyimpanan, url):
    client.force_login(org.staf)
    resp = client.post(reverse("bukti_tautan", args=[aktivitas.pk]), {"tautan": url})
    html = resp.content.decode()
    assert (
        f'id="bukti-{aktivitas.pk}-tautan-error">Tautan harus alamat web lengkap yang diawali '
        "http:// atau https://." in html
    )
    # What was typed is kept in the field (escaped), and nowhere a link.
    assert f'value="{escape(url)}"' in html and f'href="{escape(url)}"' not in html
    tidak_ada_yang_tersimpan(penyimpanan)


def test_gagal_menulis_basis_data_berkas_dibuang(org, aktivitas, penyimpanan, monkeypatch):
    """The file is written before its row: if the row (or its history) fails, no orphan."""

    def rusak(**kwargs):
        raise RuntimeError("basis data putus")

    monkeypatch.setattr(services_bukti, "catat_riwayat", rusak)
    with pytest.raises(RuntimeError):
        services_bukti.tambah_bukti_berkas(
            org.staf, aktivitas, SimpleUploadedFile("laporan.pdf", buat_pdf())
        )
    tidak_ada_yang_tersimpan(penyimpanan)


def test_tanpa_token_csrf_ditolak(org, aktivitas, penyimpanan):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.staf)
    assert unggah(client, aktivitas, "laporan.pdf", buat_pdf()).status_code == 403
    tidak_ada_yang_tersimpan(penyimpanan)
