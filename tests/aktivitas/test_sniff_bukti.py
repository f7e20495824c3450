"""An evidence file is recognised from its bytes, and must be what its extension says.

Also the file builders used by the other evidence tests: real minimal files of each kind.
"""

import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from aktivitas import bukti

MB = bukti.MB
DEFAULT = ["pdf", "jpg", "jpeg", "png", "docx", "xlsx"]


# --- real minimal files ---------------------------------------------------------------------
def buat_pdf() -> bytes:
    w = PdfWriter()
    w.add_blank_page(width=72, height=72)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def _gambar(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (11, 93, 75)).save(out, fmt)
    return out.getvalue()


def buat_png() -> bytes:
    return _gambar("PNG")


def buat_jpeg() -> bytes:
    return _gambar("JPEG")


CT_DOCX = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
CT_DOCM = CT_DOCX.replace(
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "vnd.ms-word.document.macroEnabled.main+xml",
)


def buat_docx(*, makro: bool = False, content_types: str | None = None, tambahan=()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", content_types or (CT_DOCM if makro else CT_DOCX))
        z.writestr("_rels/.rels", "<Relationships/>")
        z.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Laporan</w:t></w:r></w:p></w:body></w:document>",
        )
        if makro:
            z.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
        for nama, isi in tambahan:
            z.writestr(nama, isi)
    return out.getvalue()


def buat_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["Tanggal", "Uraian"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def buat_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("catatan.txt", "isi")
    return out.getvalue()


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64 + b"This program"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64


def berkas(nama: str, isi: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi)


def periksa(nama: str, isi: bytes, *, diizinkan=DEFAULT, maks=10 * MB):
    return bukti.periksa_berkas(berkas(nama, isi), diizinkan=diizinkan, maks_bytes=maks)


def tolak(nama: str, isi: bytes, **kw) -> str:
    with pytest.raises(ValidationError) as e:
        periksa(nama, isi, **kw)
    return " ".join(e.value.messages)


# --- accepted -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("nama", "buat", "mime"),
    [
        ("laporan.pdf", buat_pdf, "application/pdf"),
        ("Foto Kegiatan.JPG", buat_jpeg, "image/jpeg"),
        ("foto.jpeg", buat_jpeg, "image/jpeg"),
        ("peta.png", buat_png, "image/png"),
        ("notulen.docx", buat_docx, bukti.DOCX_MIME),
        ("rekap.xlsx", buat_xlsx, bukti.XLSX_MIME),
    ],
)
def test_berkas_yang_benar_diterima(nama, buat, mime):
    import hashlib

    isi = buat()
    hasil = periksa(nama, isi)
    assert hasil.jenis.mime == mime
    assert hasil.ukuran == len(isi)
    assert hasil.sha256 == hashlib.sha256(isi).hexdigest()
    assert hasil.nama_tampil == nama


# --- refused, and why -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("laporan.pdf", HTML, "halaman web (HTML)"),
        ("laporan.pdf", b"\xef\xbb\xbf  \n<html><head></head></html>", "halaman web (HTML)"),
        ("laporan.pdf", "<html><script>x</script>".encode("utf-16"), "halaman web (HTML)"),
        ("gambar.png", SVG, "gambar SVG"),
        ("gambar.jpg", b"<svg onload=alert(1)>", "gambar SVG"),
        ("laporan.pdf", EXE, "program (executable)"),
        ("foto.jpg", ELF, "program (executable)"),
        ("laporan.pdf", b"#!/bin/sh\nrm -rf ~\n", "skrip"),
        ("laporan.docx", b"<?php system($_GET['c']); ?>", "skrip"),
        (
            "laporan.pdf",
            buat_png(),
            "Isi berkas adalah gambar PNG, tidak sesuai dengan ekstensinya (.pdf).",
        ),
        ("foto.png", buat_jpeg(), "gambar JPEG, tidak sesuai"),
        ("notulen.docx", buat_xlsx(), "lembar kerja Excel (.xlsx), tidak sesuai"),
        ("rekap.xlsx", buat_docx(), "dokumen Word (.docx), tidak sesuai"),
        (
            "laporan.pdf",
            b"Laporan kegiatan biasa",
            "Isi berkas bukan dokumen PDF seperti ekstensinya (.pdf).",
        ),
        ("laporan.pdf", b" %PDF-1.4 bukan di awal", "bukan dokumen PDF"),
        ("notulen.docx", buat_docx(makro=True), "berisi makro"),
        ("notulen.docx", buat_docx(content_types=CT_DOCM), "berisi makro"),
        ("notulen.docx", buat_zip(), "arsip ZIP"),
        ("notulen.docx", b"PK\x03\x04 ini bukan zip sungguhan", "rusak"),
        ("notulen.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "format lama"),
    ],
)
def test_isi_yang_salah_ditolak(nama, isi, pesan):
    assert pesan in tolak(nama, isi)


def test_zip_bomb_ditolak(monkeypatch):
    # A part that unfolds far beyond the limit (limit lowered so the test stays small).
    monkeypatch.setattr(bukti, "BATAS_ISI_ZIP", 1 * MB)
    isi = buat_docx(tambahan=[("word/media/kosong.bin", b"\x00" * (2 * MB))])
    assert len(isi) < 100_000
    assert "zip bomb" in tolak("notulen.docx", isi)


def test_kosong_dan_terlalu_besar():
    assert tolak("laporan.pdf", b"") == "Berkas kosong."
    assert tolak("laporan.pdf", b"%PDF-" + b"0" * MB, maks=MB) == (
        "Ukuran berkas melebihi batas 1 MB."
    )
    assert periksa("laporan.pdf", b"%PDF-" + b"0" * (MB - 5), maks=MB).ukuran == MB


@pytest.mark.parametrize(
    ("nama", "pesan"),
    [
        (
            "program.exe",
            "Berkas .exe tidak diterima. Jenis yang diterima: pdf, jpg, jpeg, png, docx, xlsx.",
        ),
        ("halaman.html", "Berkas .html tidak diterima."),
        ("gambar.svg", "Berkas .svg tidak diterima."),
        ("laporan.pdf.exe", "Berkas .exe tidak diterima."),
        ("laporan", "Nama berkas harus berekstensi"),
        ("../../etc/laporan.pdf", "tidak boleh memuat garis miring"),
        ("C:\\Users\\a\\laporan.pdf", "tidak boleh memuat garis miring"),
    ],
)
def test_nama_dan_ekstensi(nama, pesan):
    f = SimpleUploadedFile("x.pdf", buat_pdf())
    f._name = nama  # what a crafted request could carry past Django's own clean-up
    with pytest.raises(ValidationError) as e:
        bukti.periksa_berkas(f, diizinkan=DEFAULT, maks_bytes=10 * MB)
    assert pesan in " ".join(e.value.messages)


def test_daftar_jenis_instansi_berlaku():
    assert "Jenis yang diterima: pdf." in tolak("foto.png", buat_png(), diizinkan=["pdf"])
    # An extension the instansi lists but whose bytes cannot be verified is not accepted.
    assert "Berkas .doc tidak diterima" in tolak("lama.doc", b"\xd0\xcf", diizinkan=["pdf", "doc"])


def test_nama_tampil_dibersihkan():
    assert bukti.nama_tampil("Laporan\u202e fdp.exe  bulan\tMaret.pdf") == (
        "Laporan fdp.exe bulan Maret.pdf"
    )
    panjang = bukti.nama_tampil("a" * 300 + ".pdf")
    assert len(panjang) == bukti.PANJANG_NAMA_MAKS and panjang.endswith(".pdf")


@pytest.mark.parametrize(
    "url",
    [
        "https://drive.google.com/file/d/abc/view",
        "http://192.168.1.10/laporan",
        "HTTPS://bkn.go.id",
    ],
)
def test_tautan_http_diterima(url):
    assert bukti.periksa_tautan(f"  {url} ") == url


@pytest.mark.parametrize(
    ("url", "pesan"),
    [
        ("javascript:alert(1)", "diawali http:// atau https://"),
        ("JaVaScRiPt:alert(1)//http://x", "diawali http:// atau https://"),
        ("data:text/html,<script>alert(1)</script>", "diawali http:// atau https://"),
        ("ftp://contoh.go.id/berkas", "diawali http:// atau https://"),
        ("file:///etc/passwd", "diawali http:// atau https://"),
        ("//contoh.go.id/x", "diawali http:// atau https://"),
        ("https://contoh.go.id/a b", "diawali http:// atau https://"),
        ("https://bkn.go.id@penipu.example/masuk", "nama pengguna atau kata sandi"),
        ("https://contoh.go.id/" + "a" * 500, "terlalu panjang"),
        ("   ", "Tautan wajib diisi."),
    ],
)
def test_tautan_lain_ditolak(url, pesan):
    with pytest.raises(ValidationError) as e:
        bukti.periksa_tautan(url)
    assert pesan in " ".join(e.value.messages)


def test_penyajian():
    assert bukti.mime_aman("text/html") == "application/octet-stream"
    assert bukti.mime_aman("image/png") == "image/png"
    assert bukti.bisa_dilihat("image/jpeg") and bukti.bisa_dilihat("application/pdf")
    assert not bukti.bisa_dilihat(bukti.DOCX_MIME)
    assert "sandbox" in bukti.csp_lihat("image/png")
