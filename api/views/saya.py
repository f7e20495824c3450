"""``/saya`` — the token's pegawai and his units; ``/skp`` — his SKP with RHK and indicators."""

from __future__ import annotations

from django.db.models import Prefetch
from ninja import Router

from api.skema import Masalah, Saya, SkpKeluar
from api.views.dasar import pribadi
from pegawai.permissions import peran
from pegawai.selectors.organisasi import unit_dioperatori
from skp.models import IndikatorKinerja, RencanaHasilKerja
from skp.selectors import skp_saya

router = Router(tags=["saya"])
GALAT = {401: Masalah, 403: Masalah, 429: Masalah}


def _unit(u):
    return {"id": u.pk, "kode": u.kode, "nama": u.nama} if u else None


@router.get("/saya", response={200: Saya, **GALAT}, summary="Saya dan unit saya")
def saya(request):
    """The pegawai the token acts as (a service token: the admin who made it), his unit,
    the units he operates and his roles."""
    user = request.user
    p = peran(user)
    daftar_peran = ["asn"]
    for nama, punya in (
        ("atasan", p.is_atasan),
        ("operator", p.is_operator),
        ("admin_instansi", p.is_admin and not p.is_superuser),
        ("superuser", p.is_superuser),
    ):
        if punya:
            daftar_peran.append(nama)
    t = request.auth
    return {
        "id": user.pk,
        "nip": user.nip,
        "nama": user.nama,
        "email": user.email,
        "instansi": _unit(user.instansi),
        "unit_kerja": _unit(user.unit_kerja),
        "unit_operator": [_unit(u) for u in unit_dioperatori(user)],
        "peran": daftar_peran,
        "token": {
            "nama": t.nama,
            "jenis": t.jenis,
            "cakupan": t.cakupan,
            "kedaluwarsa": t.kedaluwarsa.isoformat() if t.kedaluwarsa else None,
        },
    }


@router.get("/skp", response={200: list[SkpKeluar], **GALAT}, summary="SKP saya")
def skp(request):
    """His SKP (every version, newest period first) with RHK and indicators."""
    user = pribadi(request)
    qs = skp_saya(user).prefetch_related(
        Prefetch(
            "rhk",
            queryset=RencanaHasilKerja.objects.order_by("jenis", "urutan", "id").prefetch_related(
                Prefetch("indikator", queryset=IndikatorKinerja.objects.order_by("urutan", "id"))
            ),
        )
    )[:50]
    return [
        {
            "id": s.pk,
            "periode": s.periode.nama,
            "tahun": s.periode.tahun,
            "jabatan": s.jabatan.nama,
            "unit": s.unit.nama,
            "mulai": s.mulai,
            "selesai": s.selesai,
            "versi": s.versi,
            "status": s.status,
            "pendekatan": s.pendekatan,
            "rhk": [
                {
                    "id": r.pk,
                    "jenis": r.jenis,
                    "teks": r.teks,
                    "indikator": [
                        {
                            "id": i.pk,
                            "teks": i.teks,
                            "aspek": i.aspek,
                            "target_teks": i.target_teks,
                            "target_min": i.target_min,
                            "target_maks": i.target_maks,
                            "satuan": i.satuan,
                        }
                        for i in r.indikator.all()
                    ],
                }
                for r in s.rhk.all()
            ],
        }
        for s in qs
    ]
