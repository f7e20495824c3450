"""``/instansi`` — for the admin instansi and the instansi's service tokens: the pegawai list,
the final predikat per period (for TPP), the attendance import and the SIASN export; each
scoped to the token's instansi by the selectors the pages use."""

from __future__ import annotations

import math

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile

from api.services.integrasi import impor_kehadiran_api
from api.skema import HalamanPegawai, HasilKehadiran, Masalah, PegawaiKeluar, PredikatKeluar
from api.views.dasar import admin, tulis
from inti.ekspor import respons_tabel
from pegawai.selectors.organisasi import get_pegawai, pegawai_kelola
from penilaian.rules import JenisPeriode
from penilaian.selectors.tpp import KOLOM_SIASN, baris_siasn, penilaian_siasn

router = Router(tags=["instansi"])
GALAT = {401: Masalah, 403: Masalah, 404: Masalah, 422: Masalah, 429: Masalah}
BATAS_MAKS = 500
MAKS_BERKAS = 5 * 1024 * 1024


def _unit(u):
    return {"id": u.pk, "kode": u.kode, "nama": u.nama} if u else None


def _pegawai(p) -> dict:
    return {
        "id": p.pk,
        "nip": p.nip,
        "nama": p.nama,
        "unit_kerja": _unit(p.unit_kerja),
        "aktif": p.status == "aktif",
    }


class SaringPegawai(Schema):
    cari: str = ""
    halaman: int = 1
    batas: int = 100


def _halaman(qs, halaman: int, batas: int):
    if not 1 <= batas <= BATAS_MAKS:
        raise ValidationError({"batas": _("Batas antara 1 dan %(n)d.") % {"n": BATAS_MAKS}})
    jumlah = qs.count()
    jumlah_halaman = max(math.ceil(jumlah / batas), 1)
    halaman = min(max(halaman, 1), jumlah_halaman)
    awal = (halaman - 1) * batas
    return list(qs[awal : awal + batas]), halaman, jumlah_halaman, jumlah


@router.get("/instansi/pegawai", response={200: HalamanPegawai, **GALAT}, summary="Daftar pegawai")
def daftar_pegawai(request, s: Query[SaringPegawai]):
    """The instansi's pegawai by name; ``cari``: part of the name or the start of the NIP."""
    user = admin(request)
    qs = pegawai_kelola(user).order_by("nama", "pk")
    cari = s.cari.strip()
    if cari:
        qs = qs.filter(nip__startswith=cari) if cari.isdigit() else qs.filter(nama__icontains=cari)
    baris, halaman, jumlah_halaman, jumlah = _halaman(qs, s.halaman, s.batas)
    return {
        "data": [_pegawai(p) for p in baris],
        "halaman": halaman,
        "jumlah_halaman": jumlah_halaman,
        "jumlah": jumlah,
    }


@router.get(
    "/instansi/pegawai/{pegawai_id}", response={200: PegawaiKeluar, **GALAT}, summary="Satu pegawai"
)
def lihat_pegawai(request, pegawai_id: int):
    user = admin(request)
    return _pegawai(get_pegawai(user, pegawai_id))


class SaringPredikat(Schema):
    tahun: int
    jenis: JenisPeriode | None = None
    halaman: int = 1
    batas: int = 100


def _predikat(user, tahun: int, jenis: str | None):
    if not 2000 <= tahun <= 2100:
        raise ValidationError({"tahun": _("Tahun tidak sah.")})
    qs = penilaian_siasn(user, tahun, periodik=jenis != JenisPeriode.TAHUNAN).filter(status="final")
    if jenis:
        qs = qs.filter(periode_penilaian__jenis=jenis)
    return qs


@router.get(
    "/instansi/predikat",
    response={200: list[PredikatKeluar], **GALAT},
    summary="Predikat final per periode",
)
def predikat(request, s: Query[SaringPredikat]):
    """Final ratings of the year (every period, or one ``jenis``), for the TPP system."""
    user = admin(request)
    baris, *_lain = _halaman(_predikat(user, s.tahun, s.jenis), s.halaman, s.batas)
    return [
        {
            "penilaian_id": p.pk,
            "nip": p.pegawai.nip,
            "nama": p.pegawai.nama,
            "jabatan": p.skp.jabatan.nama,
            "unit": p.unit.nama,
            "periode_jenis": p.periode_penilaian.jenis,
            "periode_mulai": p.periode_penilaian.mulai,
            "periode_selesai": p.periode_penilaian.selesai,
            "rating_hasil_kerja": p.rating_hasil_kerja,
            "rating_perilaku": p.rating_perilaku,
            "predikat": p.predikat,
            "predikat_teks": p.get_predikat_display(),
            "difinalkan_pada": p.difinalkan_pada,
        }
        for p in baris
    ]


class SaringSiasn(Schema):
    tahun: int
    periodik: bool = False
    format: str = "csv"


@router.get(
    "/instansi/siasn",
    response={200: None, **GALAT},
    summary="Ekspor SIASN (berkas CSV atau XLSX)",
)
def siasn(request, s: Query[SaringSiasn]):
    """The year's final ratings in the columns of the SIASN upload (as on the page)."""
    user = admin(request)
    if s.format not in {"csv", "xlsx"}:
        raise ValidationError({"format": _("Format: csv atau xlsx.")})
    if not 2000 <= s.tahun <= 2100:
        raise ValidationError({"tahun": _("Tahun tidak sah.")})
    baris = baris_siasn(penilaian_siasn(user, s.tahun, periodik=s.periodik), s.tahun)
    return respons_tabel(
        f"siasn-predikat-{s.tahun}", s.format, KOLOM_SIASN, baris, judul=_("Predikat kinerja")
    )


@router.post(
    "/instansi/kehadiran", response={200: HasilKehadiran, **GALAT}, summary="Impor kehadiran"
)
def kehadiran(request, berkas: File[UploadedFile], terapkan: Form[bool] = False):
    """Monthly attendance faults (CSV or XLSX, the format of docs/format-impor.md): checked,
    and with ``terapkan`` and no error written all at once."""
    user = admin(request)
    tulis(request)
    if berkas.size and berkas.size > MAKS_BERKAS:
        raise ValidationError({"berkas": _("Berkas terlalu besar (paling besar 5 MB).")})
    hasil = impor_kehadiran_api(
        request.auth, user, berkas.read(), berkas.name or "kehadiran.csv", terapkan=terapkan
    )
    return {
        "nama_berkas": hasil.nama_berkas,
        "sha256": hasil.sha256,
        "jumlah_baris": len(hasil.baris),
        "jumlah_berubah": hasil.jumlah_berubah,
        "diterapkan": hasil.diterapkan,
        "kesalahan": [
            {"baris": k.baris, "kolom": k.kolom, "pesan": k.pesan} for k in hasil.kesalahan
        ],
    }
