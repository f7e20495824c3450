"""Writes an integration makes through the API that the pages do not: the attendance
import, recorded with the token it came through (the import itself is penilaian's)."""

from __future__ import annotations

from django.db import transaction

from api.models import TokenAkses
from pegawai.models import Pegawai, Riwayat
from pegawai.services.organisasi import catat_riwayat
from penilaian.services.kehadiran import HasilKehadiran, impor_kehadiran


@transaction.atomic
def impor_kehadiran_api(
    token: TokenAkses, aktor: Pegawai, data: bytes, nama_berkas: str, *, terapkan: bool
) -> HasilKehadiran:
    """Check (and with ``terapkan`` apply, all or nothing) an attendance file sent through
    the API; an applied file also records which token sent it."""
    hasil = impor_kehadiran(aktor, data, nama_berkas, terapkan=terapkan)
    if hasil.diterapkan:
        catat_riwayat(
            pelaku=aktor,
            objek=token,
            aksi="api.kehadiran_diimpor",
            sebagai=Riwayat.Sebagai.ADMIN,
            keterangan=nama_berkas[:200],
            data={
                "token": token.pk,
                "jenis": token.jenis,
                "sha256": hasil.sha256,
                "baris": len(hasil.baris),
                "berubah": hasil.jumlah_berubah,
            },
        )
    return hasil
