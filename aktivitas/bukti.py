"""What an evidence file (bukti dukung) really is, read from its bytes, and whether it is accepted.

No database and no request here: the services give the instansi's settings (accepted extensions,
size limit) and an open file.  The type is sniffed from the first bytes with a small signature
reader (no libmagic) and must agree with the extension: a PNG renamed ``.pdf`` or a web page
saved as ``.pdf`` is refused, so that what is served later with that type really is that type.
Office files are ZIP archives: the archive is opened (never extracted) to check its parts, that
it holds no macro project, and that it does not unfold into something huge (zip bomb).
"""

from __future__ import annotations

import hashlib
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MB = 1024 * 1024
BUKTI_MAKS_PER_AKTIVITAS = 10
# An Office file's parts are XML that compresses 10–20×; a 10 MB spreadsheet may unfold to
# ~200 MB.  Beyond that (or with absurdly many parts) the archive is treated as a zip bomb.
BATAS_ISI_ZIP = 250 * MB
BATAS_ENTRI_ZIP = 10_000
BATAS_CONTENT_TYPES = 1 * MB
PANJANG_KEPALA = 4096
PANJANG_NAMA_MAKS = 200
PANJANG_TAUTAN_MAKS = 500


@dataclass(frozen=True)
class Jenis:
    """A kind of evidence file the application knows how to recognise."""

    kode: str
    mime: str
    label: str
    ekstensi: tuple[str, ...]
    # Shown in the browser (``?lihat=1``) rather than only downloaded.
    bisa_dilihat: bool = False


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

JENIS: dict[str, Jenis] = {
    j.kode: j
    for j in (
        Jenis("pdf", "application/pdf", gettext_lazy("dokumen PDF"), ("pdf",), True),
        Jenis("jpeg", "image/jpeg", gettext_lazy("gambar JPEG"), ("jpg", "jpeg"), True),
        Jenis("png", "image/png", gettext_lazy("gambar PNG"), ("png",), True),
        Jenis("docx", DOCX_MIME, gettext_lazy("dokumen Word (.docx)"), ("docx",)),
        Jenis("xlsx", XLSX_MIME, gettext_lazy("lembar kerja Excel (.xlsx)"), ("xlsx",)),
    )
}
JENIS_PER_EKSTENSI: dict[str, Jenis] = {e: j for j in JENIS.values() for e in j.ekstensi}
JENIS_PER_MIME: dict[str, Jenis] = {j.mime: j for j in JENIS.values()}

# What the bytes may turn out to be besides an accepted kind, and why each is refused.
BERBAHAYA = {
    "html": gettext_lazy(
        "Isi berkas adalah halaman web (HTML). Halaman web tidak diterima sebagai bukti dukung; "
        "simpan sebagai PDF."
    ),
    "svg": gettext_lazy(
        "Isi berkas adalah gambar SVG, yang dapat memuat skrip. Unggah sebagai PNG atau JPG."
    ),
    "exe": gettext_lazy("Isi berkas adalah program (executable). Program tidak diterima."),
    "skrip": gettext_lazy("Isi berkas adalah skrip. Skrip tidak diterima."),
    "makro": gettext_lazy(
        "Dokumen Office ini berisi makro. Simpan ulang sebagai .docx atau .xlsx biasa tanpa makro."
    ),
    "bom": gettext_lazy(
        "Isi arsip dokumen ini terlalu besar setelah dibuka (kemungkinan zip bomb). Berkas ditolak."
    ),
    "zip": gettext_lazy("Isi berkas adalah arsip ZIP, bukan dokumen Word atau Excel."),
    "ole": gettext_lazy(
        "Isi berkas adalah dokumen Office format lama (.doc/.xls). Simpan ulang sebagai .docx "
        "atau .xlsx."
    ),
    "rusak": gettext_lazy("Berkas tampak seperti dokumen Office tetapi rusak atau tidak lengkap."),
}

_SIG_EXE = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xcf\xfa\xed\xfe",
    b"\xce\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
_SIG_PNG = b"\x89PNG\r\n\x1a\n"
_SIG_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOM = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_PENANDA_HTML = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<iframe",
    b"<meta",
    b"<title",
    b"<style",
    b"<object",
    b"<embed",
    b"<form",
    b"<img",
    b"<a href",
)
_OFFICE_WAJIB = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


@dataclass(frozen=True)
class HasilPeriksa:
    """An accepted file: what it is, the name to show, its size and SHA-256."""

    jenis: Jenis
    ekstensi: str
    nama_tampil: str
    ukuran: int
    sha256: str


# --- names ----------------------------------------------------------------------------------
def nama_tampil(nama: str) -> str:
    """The original name, cleaned for display only (files are stored under a random name).

    A name with a path in it is refused rather than trimmed: no browser sends one, so it is
    either a crafted request or a broken client.
    """
    if any(c in nama for c in "/\\\x00") or nama.strip() in {".", ".."}:
        raise ValidationError(
            _("Nama berkas tidak boleh memuat garis miring (/ atau \\) atau menunjuk folder."),
            code="nama",
        )
    # Whitespace of any kind becomes one space; other control and format characters (a
    # right-to-left override makes "fdp.exe" read as "exe.pdf") are dropped.
    bersih = "".join(
        " " if c.isspace() else c
        for c in unicodedata.normalize("NFC", nama)
        if c.isspace() or not unicodedata.category(c).startswith("C")
    )
    bersih = " ".join(bersih.split())
    if len(bersih) > PANJANG_NAMA_MAKS:
        # Keep the extension: it is what the name is checked against.
        batang, titik, eks = bersih.rpartition(".")
        if titik and len(eks) <= 10:
            bersih = batang[: PANJANG_NAMA_MAKS - len(eks) - 1] + "." + eks
        else:
            bersih = bersih[:PANJANG_NAMA_MAKS]
    return bersih


def ekstensi(nama: str) -> str:
    _batang, titik, eks = nama.rpartition(".")
    return eks.strip().lower() if titik and _batang.strip(". ") else ""


def jenis_diterima(diizinkan: Iterable[str]) -> list[str]:
    """The instansi's extensions that can also be verified from the bytes, in its order."""
    return [
        e
        for e in dict.fromkeys(x.strip().lower().lstrip(".") for x in diizinkan)
        if e in JENIS_PER_EKSTENSI
    ]


def pesan_terlalu_besar(maks_bytes: int) -> str:
    return _("Ukuran berkas melebihi batas %(maks)s MB.") % {"maks": _angka_mb(maks_bytes)}


def _angka_mb(nbytes: int) -> str:
    mb = nbytes / MB
    return str(int(mb)) if mb == int(mb) else f"{mb:.1f}".replace(".", ",")


# --- what a form says before choosing ---------------------------------------------------------
def terima_atribut(jenis: list[str]) -> str:
    """``accept`` of an evidence file input: the extensions, and the image types too, so that a
    phone offers its camera beside its files."""
    diterima = jenis_diterima(jenis)
    mime = dict.fromkeys(
        JENIS_PER_EKSTENSI[e].mime
        for e in diterima
        if JENIS_PER_EKSTENSI[e].mime.startswith("image/")
    )
    return ",".join([f".{e}" for e in diterima] + list(mime))


def teks_bantuan_bukti(jenis: list[str], maks_mb: int) -> str:
    """What is accepted, said before choosing."""
    return _("Jenis: %(jenis)s; paling besar %(mb)s MB per berkas; paling banyak %(n)s bukti.") % {
        "jenis": ", ".join(jenis_diterima(jenis)) or "—",
        "mb": maks_mb,
        "n": BUKTI_MAKS_PER_AKTIVITAS,
    }


# --- sniffing -------------------------------------------------------------------------------
def kenali(berkas: IO[bytes]) -> str:
    """What the bytes are: a :data:`JENIS` code, a :data:`BERBAHAYA` code or ``"tidak_dikenal"``.

    Reads from the start of the (seekable) file; leaves the position undefined.
    """
    berkas.seek(0)
    kepala = berkas.read(PANJANG_KEPALA)
    if kepala.startswith(b"%PDF-"):
        return "pdf"
    if kepala.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if kepala.startswith(_SIG_PNG):
        return "png"
    if kepala.startswith(_SIG_EXE):
        return "exe"
    if kepala.startswith(b"PK\x03\x04"):
        return _kenali_office(berkas)
    if kepala.startswith(_SIG_OLE):
        return "ole"
    return _kenali_teks(kepala)


def _kenali_teks(kepala: bytes) -> str:
    """Name the text formats a browser would run, so the refusal says what the file is."""
    teks = kepala.replace(b"\x00", b"")  # UTF-16 text reads as ASCII once NULs are gone
    for bom in _BOM:
        teks = teks.removeprefix(bom)
    teks = teks.lstrip().lower()
    if teks.startswith(b"#!") or b"<?php" in teks:
        return "skrip"
    if b"<svg" in teks:
        return "svg"
    if any(p in teks for p in _PENANDA_HTML):
        return "html"
    return "tidak_dikenal"


def _kenali_office(berkas: IO[bytes]) -> str:
    berkas.seek(0)
    try:
        with zipfile.ZipFile(berkas) as arsip:
            daftar = arsip.infolist()
            if len(daftar) > BATAS_ENTRI_ZIP or sum(i.file_size for i in daftar) > BATAS_ISI_ZIP:
                return "bom"
            nama = {i.filename for i in daftar}
            if any(n.rsplit("/", 1)[-1].lower() == "vbaproject.bin" for n in nama):
                return "makro"
            if "[Content_Types].xml" not in nama:
                return "zip"
            with arsip.open("[Content_Types].xml") as f:
                content_types = f.read(BATAS_CONTENT_TYPES).lower()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        RuntimeError,
        NotImplementedError,
        ValueError,
        zlib.error,
    ):
        return "rusak"
    if b"macroenabled" in content_types or b"vbaproject" in content_types:
        return "makro"
    for kode, bagian in _OFFICE_WAJIB.items():
        if bagian in nama:
            return kode
    return "zip"


# --- the whole check ------------------------------------------------------------------------
def periksa_berkas(berkas: File, *, diizinkan: Iterable[str], maks_bytes: int) -> HasilPeriksa:
    """Accept a file or raise a ``ValidationError`` saying why, in Bahasa Indonesia.

    The SHA-256 and the real size are computed while reading the file in chunks (never whole
    in memory); the size announced by the client is not trusted.
    """
    tampil = nama_tampil(berkas.name or "")
    eks = ekstensi(tampil)
    boleh = jenis_diterima(diizinkan)
    if not eks:
        raise ValidationError(
            _("Nama berkas harus berekstensi, mis. laporan.pdf."), code="ekstensi"
        )
    if eks not in boleh:
        raise ValidationError(
            _("Berkas .%(eks)s tidak diterima. Jenis yang diterima: %(daftar)s.")
            % {"eks": eks, "daftar": ", ".join(boleh) or "—"},
            code="ekstensi",
        )
    ukuran, sha256 = _ukur(berkas, maks_bytes)
    if ukuran == 0:
        raise ValidationError(_("Berkas kosong."), code="kosong")
    harapan = JENIS_PER_EKSTENSI[eks]
    isi = kenali(berkas)
    berkas.seek(0)
    if isi in BERBAHAYA:
        raise ValidationError(str(BERBAHAYA[isi]), code=isi)
    if isi != harapan.kode:
        if isi in JENIS:
            pesan = _("Isi berkas adalah %(isi)s, tidak sesuai dengan ekstensinya (.%(eks)s).") % {
                "isi": JENIS[isi].label,
                "eks": eks,
            }
        else:
            pesan = _("Isi berkas bukan %(jenis)s seperti ekstensinya (.%(eks)s).") % {
                "jenis": harapan.label,
                "eks": eks,
            }
        raise ValidationError(pesan, code="tidak_cocok")
    return HasilPeriksa(harapan, eks, tampil, ukuran, sha256)


def _ukur(berkas: File, maks_bytes: int) -> tuple[int, str]:
    h = hashlib.sha256()
    ukuran = 0
    berkas.seek(0)
    for potongan in berkas.chunks():
        ukuran += len(potongan)
        if ukuran > maks_bytes:
            raise ValidationError(pesan_terlalu_besar(maks_bytes), code="terlalu_besar")
        h.update(potongan)
    berkas.seek(0)
    return ukuran, h.hexdigest()


# --- serving --------------------------------------------------------------------------------
def mime_aman(jenis_konten: str) -> str:
    """The type to serve a stored file with: one of ours, else an opaque download."""
    return jenis_konten if jenis_konten in JENIS_PER_MIME else "application/octet-stream"


def bisa_dilihat(jenis_konten: str) -> bool:
    jenis = JENIS_PER_MIME.get(jenis_konten)
    return bool(jenis and jenis.bisa_dilihat)


def csp_lihat(jenis_konten: str) -> str:
    """Content-Security-Policy of a file shown in the browser.

    ``sandbox`` makes the document an opaque origin without scripts.  Chromium refuses to run its
    PDF viewer in a sandboxed document ("This page has been blocked"), so a PDF — whose bytes
    were checked to be a PDF and which is served as ``application/pdf`` with ``nosniff``, so it
    can never be rendered as HTML — gets ``default-src 'none'`` only, plus the inline styles of
    the viewer's own page.
    """
    if jenis_konten == "application/pdf":
        return "default-src 'none'; style-src 'unsafe-inline'"
    return "default-src 'none'; sandbox"


# --- links ----------------------------------------------------------------------------------
def periksa_tautan(url: str) -> str:
    """A link evidence: an absolute http(s) address, never fetched by the server."""
    url = (url or "").strip()
    if not url:
        raise ValidationError(_("Tautan wajib diisi."), code="wajib")
    if len(url) > PANJANG_TAUTAN_MAKS:
        raise ValidationError(
            _("Tautan terlalu panjang (maksimal %(n)s karakter).") % {"n": PANJANG_TAUTAN_MAKS},
            code="panjang",
        )
    salah = ValidationError(
        _("Tautan harus alamat web lengkap yang diawali http:// atau https://."), code="skema"
    )
    if any(c.isspace() or unicodedata.category(c).startswith("C") for c in url):
        raise salah
    try:
        bagian = urlsplit(url)
        URLValidator(schemes=["http", "https"])(url)
    except (ValueError, ValidationError):
        raise salah from None
    if bagian.scheme.lower() not in {"http", "https"}:
        raise salah
    if bagian.username is not None or bagian.password is not None:
        # https://bkn.go.id@contoh.com looks like BKN's site but leads elsewhere.
        raise ValidationError(
            _("Tautan tidak boleh memuat nama pengguna atau kata sandi (tanda @ sebelum alamat)."),
            code="kredensial",
        )
    return url
