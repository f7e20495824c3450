"""``/tinjau`` — the atasan's review queue; approve or return many at once (all or none),
through ``aktivitas.services`` (only the pejabat penilai on the date may act: 403 else; an
id the user may not see: 404)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from aktivitas.selectors.tinjau import (
    aktivitas_untuk_tinjau,
    antrean_aktivitas,
    antrean_realisasi,
    boleh_meninjau,
    get_aktivitas_tinjau,
    get_realisasi_tinjau,
    realisasi_untuk_tinjau,
)
from aktivitas.services.harian import kembalikan_aktivitas, setujui_aktivitas
from aktivitas.services.realisasi import kembalikan_realisasi, setujui_realisasi
from api.skema import AktivitasKeluar, HasilTinjau, Masalah, RealisasiKeluar, Tinjau
from api.views import aktivitas as v_aktivitas
from api.views import realisasi as v_realisasi
from api.views.dasar import pribadi, tulis

router = Router(tags=["tinjau"])
GALAT = {401: Masalah, 403: Masalah, 404: Masalah, 422: Masalah, 429: Masalah}
BATAS_MAKS = 100


class SaringAntrean(Schema):
    dari: dt.date | None = None
    sampai: dt.date | None = None
    pegawai_id: int | None = None
    halaman: int = 1
    batas: int = 50


def _atasan(request):
    user = pribadi(request)
    if not boleh_meninjau(user):
        raise PermissionDenied(_("Antrean tinjauan hanya untuk pejabat penilai."))
    return user


def _potong(qs, s: SaringAntrean):
    batas = min(max(s.batas, 1), BATAS_MAKS)
    awal = (max(s.halaman, 1) - 1) * batas
    return qs[awal : awal + batas]


@router.get(
    "/tinjau/aktivitas", response={200: list[AktivitasKeluar], **GALAT}, summary="Antrean aktivitas"
)
def antrean(request, s: Query[SaringAntrean]):
    """Activities waiting for the user's review, grouped by pegawai, oldest first."""
    user = _atasan(request)
    qs = antrean_aktivitas(user, pegawai_id=s.pegawai_id, dari=s.dari, sampai=s.sampai)
    return [v_aktivitas.keluar(a) for a in _potong(qs, s)]


@router.get(
    "/tinjau/realisasi", response={200: list[RealisasiKeluar], **GALAT}, summary="Antrean realisasi"
)
def antrean_bulanan(request, s: Query[SaringAntrean]):
    """Submitted monthly realisations waiting for the user's review."""
    user = _atasan(request)
    qs = antrean_realisasi(user, pegawai_id=s.pegawai_id)
    return [v_realisasi.keluar(r) for r in _potong(qs, s)]


def _wajib_terlihat(ids: list[int], terlihat, satu) -> list[int]:
    """Every id must be one the user may name (a foreign id: 404 for the whole request)."""
    ids = list(dict.fromkeys(ids))
    ada = set(terlihat.filter(pk__in=ids).values_list("pk", flat=True))
    for pk in ids:
        if pk not in ada:
            satu(pk)  # raises Http404 unless he is the penilai on its date
    return ids


def _aktivitas(user, ids):
    return _wajib_terlihat(
        ids, aktivitas_untuk_tinjau(user), lambda pk: get_aktivitas_tinjau(user, pk)
    )


def _realisasi(user, ids):
    return _wajib_terlihat(
        ids, realisasi_untuk_tinjau(user), lambda pk: get_realisasi_tinjau(user, pk)
    )


def _hasil(daftar, status: str) -> dict:
    return {"jumlah": len(daftar), "ids": [x.pk for x in daftar], "status": status}


@router.post("/tinjau/aktivitas/setujui", response={200: HasilTinjau, **GALAT}, summary="Setujui")
def setujui(request, isian: Tinjau):
    """Approve activities, all or none."""
    user = _atasan(request)
    tulis(request)
    daftar = setujui_aktivitas(user, _aktivitas(user, isian.ids), isian.catatan)
    return _hasil(daftar, "disetujui")


@router.post(
    "/tinjau/aktivitas/kembalikan", response={200: HasilTinjau, **GALAT}, summary="Kembalikan"
)
def kembalikan(request, isian: Tinjau):
    """Return activities with a note (required), all or none."""
    user = _atasan(request)
    tulis(request)
    daftar = kembalikan_aktivitas(user, _aktivitas(user, isian.ids), isian.catatan)
    return _hasil(daftar, "dikembalikan")


@router.post(
    "/tinjau/realisasi/setujui", response={200: HasilTinjau, **GALAT}, summary="Setujui realisasi"
)
def setujui_bulanan(request, isian: Tinjau):
    user = _atasan(request)
    tulis(request)
    daftar = setujui_realisasi(user, _realisasi(user, isian.ids), isian.catatan)
    return _hasil(daftar, "disetujui")


@router.post(
    "/tinjau/realisasi/kembalikan",
    response={200: HasilTinjau, **GALAT},
    summary="Kembalikan realisasi",
)
def kembalikan_bulanan(request, isian: Tinjau):
    user = _atasan(request)
    tulis(request)
    daftar = kembalikan_realisasi(user, _realisasi(user, isian.ids), isian.catatan)
    return _hasil(daftar, "dikembalikan")
