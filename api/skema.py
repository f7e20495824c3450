"""Pydantic schemas of the REST API v1 (the shapes of the OpenAPI document)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from ninja import Field, Schema


class Masalah(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[dict] | None = None


# --- me ---------------------------------------------------------------------------------------
class Unit(Schema):
    id: int
    kode: str
    nama: str


class Saya(Schema):
    id: int
    nip: str
    nama: str
    email: str
    instansi: Unit | None
    unit_kerja: Unit | None
    unit_operator: list[Unit]
    peran: list[str]
    token: dict


# --- SKP --------------------------------------------------------------------------------------
class Indikator(Schema):
    id: int
    teks: str
    aspek: str
    target_teks: str
    target_min: Decimal | None
    target_maks: Decimal | None
    satuan: str


class Rhk(Schema):
    id: int
    jenis: str
    teks: str
    indikator: list[Indikator]


class SkpKeluar(Schema):
    id: int
    periode: str
    tahun: int
    jabatan: str
    unit: str
    mulai: dt.date
    selesai: dt.date
    versi: int
    status: str
    pendekatan: str
    rhk: list[Rhk]


# --- activities -------------------------------------------------------------------------------
class Bukti(Schema):
    id: int
    nama: str
    jenis_konten: str
    ukuran: int | None
    tautan: str


class AktivitasKeluar(Schema):
    id: int
    pegawai_id: int
    tanggal: dt.date
    jam_mulai: dt.time
    jam_selesai: dt.time
    uraian: str
    jumlah_output: Decimal
    satuan_output: str
    rhk_id: int | None
    rencana_aksi_id: int | None
    status: str
    catatan_penilai: str
    terlambat: bool
    kunci: uuid.UUID | None
    bisa_diubah: bool


class AktivitasMasuk(Schema):
    tanggal: dt.date
    jam_mulai: dt.time
    jam_selesai: dt.time
    uraian: str = Field(..., max_length=4000)
    jumlah_output: Decimal = Field(..., max_digits=10, decimal_places=2)
    satuan_output: str = Field(..., max_length=50)
    rhk_id: int | None = None
    rencana_aksi_id: int | None = None


class AktivitasBaru(AktivitasMasuk):
    kunci: uuid.UUID | None = Field(
        None,
        description="Kunci idempoten (UUID) dari klien; permintaan yang diulang dengan kunci "
        "yang sama menghasilkan satu aktivitas saja. Boleh juga lewat kepala Idempotency-Key.",
    )


class HalamanAktivitas(Schema):
    data: list[AktivitasKeluar]
    kursor_berikut: str | None


class BuktiKeluar(Schema):
    id: int
    nama: str
    jenis_konten: str
    ukuran: int | None
    sha256: str


# --- realisation ------------------------------------------------------------------------------
class RealisasiKeluar(Schema):
    id: int
    pegawai_id: int
    skp_id: int
    indikator_id: int
    indikator: str
    tahun: int
    bulan: int
    realisasi: str
    nilai: Decimal | None
    catatan: str
    status: str
    terlambat: bool
    catatan_penilai: str


class RealisasiUbah(Schema):
    realisasi: str = Field(..., max_length=10000)
    nilai: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    catatan: str = Field("", max_length=2000)


class Bulan(Schema):
    tahun: int = Field(..., ge=2000, le=2100)
    bulan: int = Field(..., ge=1, le=12)


# --- review -----------------------------------------------------------------------------------
class Tinjau(Schema):
    ids: list[int] = Field(..., min_length=1, max_length=100)
    catatan: str = Field("", max_length=2000)


class HasilTinjau(Schema):
    jumlah: int
    ids: list[int]
    status: str


# --- the instansi -----------------------------------------------------------------------------
class PegawaiKeluar(Schema):
    id: int
    nip: str
    nama: str
    unit_kerja: Unit | None
    aktif: bool


class HalamanPegawai(Schema):
    data: list[PegawaiKeluar]
    halaman: int
    jumlah_halaman: int
    jumlah: int


class PredikatKeluar(Schema):
    penilaian_id: int
    nip: str
    nama: str
    jabatan: str
    unit: str
    periode_jenis: str
    periode_mulai: dt.date
    periode_selesai: dt.date
    rating_hasil_kerja: str
    rating_perilaku: str
    predikat: str
    predikat_teks: str
    difinalkan_pada: dt.datetime | None


class KesalahanImpor(Schema):
    baris: int | None
    kolom: str
    pesan: str


class HasilKehadiran(Schema):
    nama_berkas: str
    sha256: str
    jumlah_baris: int
    jumlah_berubah: int
    diterapkan: bool
    kesalahan: list[KesalahanImpor]
