"""``/realisasi`` — the pegawai's monthly realisation: read a month, prepare its rows, save a
row, submit the month; through ``aktivitas.services.realisasi`` (same rules as the page)."""

from __future__ import annotations

from ninja import Query, Router

from aktivitas.selectors.harian import get_realisasi
from aktivitas.selectors.tinjau import realisasi_bulan
from aktivitas.services.realisasi import ajukan_realisasi, siapkan_realisasi, simpan_realisasi
from api.skema import Bulan, Masalah, RealisasiKeluar, RealisasiUbah
from api.views.dasar import pribadi, tulis

router = Router(tags=["realisasi"])
GALAT = {401: Masalah, 403: Masalah, 404: Masalah, 422: Masalah, 429: Masalah}


def keluar(r) -> dict:
    return {
        "id": r.pk,
        "pegawai_id": r.skp.pegawai_id,
        "skp_id": r.skp_id,
        "indikator_id": r.indikator_id,
        "indikator": r.indikator.teks,
        "tahun": r.tahun,
        "bulan": r.bulan,
        "realisasi": r.realisasi,
        "nilai": r.nilai,
        "catatan": r.catatan,
        "status": r.status,
        "terlambat": r.terlambat,
        "catatan_penilai": r.catatan_penilai,
    }


@router.get("/realisasi", response={200: list[RealisasiKeluar], **GALAT}, summary="Realisasi saya")
def bulan(request, b: Query[Bulan]):
    """His realisation rows of one month, in the order of his SKP (none before they are
    prepared: ``POST /realisasi/siapkan``)."""
    user = pribadi(request)
    return [keluar(r) for r in realisasi_bulan(user, b.tahun, b.bulan)]


@router.post(
    "/realisasi/siapkan", response={200: list[RealisasiKeluar], **GALAT}, summary="Siapkan bulan"
)
def siapkan(request, b: Bulan):
    """Create the month's draft rows, one per indicator, prefilled from the activities
    (idempotent: what a person saved is never overwritten)."""
    user = pribadi(request)
    tulis(request)
    siapkan_realisasi(user, user, b.tahun, b.bulan)
    return [keluar(r) for r in realisasi_bulan(user, b.tahun, b.bulan)]


@router.post(
    "/realisasi/ajukan", response={200: list[RealisasiKeluar], **GALAT}, summary="Ajukan bulan"
)
def ajukan(request, b: Bulan):
    """Submit every draft or returned row of the month to the pejabat penilai."""
    user = pribadi(request)
    tulis(request)
    ajukan_realisasi(user, user, b.tahun, b.bulan)
    return [keluar(r) for r in realisasi_bulan(user, b.tahun, b.bulan)]


@router.put(
    "/realisasi/{realisasi_id}", response={200: RealisasiKeluar, **GALAT}, summary="Simpan baris"
)
def simpan(request, realisasi_id: int, isian: RealisasiUbah):
    """Save one row while it is a draft or returned.  (Declared after the fixed paths:
    ``{realisasi_id}`` would match ``ajukan``.)"""
    user = pribadi(request)
    tulis(request)
    r = get_realisasi(user, realisasi_id)
    return keluar(simpan_realisasi(user, r, isian.realisasi, isian.nilai, isian.catatan))
