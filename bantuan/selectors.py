"""Reads of the help: the pegawai's PIC (his unit's operators), questions scoped to the user,
the first-use steps."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import Exists, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from aktivitas.models import Aktivitas, RealisasiBulanan
from inti.cache_versi import ambil, tersimpan
from kalender.selectors import hari_libur
from pegawai.models import OperatorUnit, Pegawai, UnitKerja
from pegawai.permissions import peran
from skp.models import Skp

from .models import MulaiPengguna, Pertanyaan
from .rules import HARI_KERJA_TERTUNDA, Langkah, batas_tertunda, langkah_mulai

VERSI = "organisasi"  # the PIC changes with the organisation (pegawai.sinyal bumps it)


def _kunci_pic(pegawai_id: int) -> str:
    return f"pic:{pegawai_id}"


def pic(pegawai: Pegawai) -> list[dict]:
    """The people a pegawai asks for help: the operators of his unit or of the nearest unit
    above it that has one; without any, his instansi's admins.  One cached read per page."""
    return ambil(VERSI, _kunci_pic(pegawai.pk), lambda: _hitung_pic(pegawai))


def pic_tersimpan(pegawai_id: int) -> list[dict] | None:
    """The PIC from the cache only (never the database): for the server-error page."""
    return tersimpan(VERSI, _kunci_pic(pegawai_id))


def _hitung_pic(pegawai: Pegawai) -> list[dict]:
    path = (
        UnitKerja.objects.filter(pk=pegawai.unit_kerja_id).values_list("path", flat=True).first()
        if pegawai.unit_kerja_id
        else None
    )
    if path:
        leluhur = [int(x) for x in path.strip("/").split("/") if x]
        ops = list(
            OperatorUnit.objects.filter(
                unit_id__in=leluhur, unit__aktif=True, pegawai__is_active=True
            )
            .select_related("pegawai", "unit")
            .order_by("-unit__kedalaman", "pegawai__nama")
        )
        if ops:
            terdekat = ops[0].unit.kedalaman
            return [
                {
                    "id": o.pegawai_id,
                    "nama": o.pegawai.nama_lengkap,
                    "email": o.pegawai.email,
                    "nip": o.pegawai.nip,
                    "unit": o.unit.nama,
                    "peran": "operator",
                }
                for o in ops
                if o.unit.kedalaman == terdekat
            ]
    if not pegawai.instansi_id:
        return []
    return [
        {
            "id": a.pk,
            "nama": a.nama_lengkap,
            "email": a.email,
            "nip": a.nip,
            "unit": "",
            "peran": "admin",
        }
        for a in Pegawai.objects.filter(
            instansi_id=pegawai.instansi_id, is_admin_instansi=True, is_active=True
        ).order_by("nama")[:3]
    ]


# --- questions -------------------------------------------------------------------------


def pertanyaan_masuk(user) -> QuerySet[Pertanyaan]:
    """Questions this user answers: an operator's units (with sub-units), an admin's
    instansi, everything for a superuser."""
    qs = Pertanyaan.objects.select_related("penanya", "unit", "penjawab")
    if user.is_superuser:
        return qs
    p = peran(user)
    cond = Q(pk__in=[])
    if p.is_admin:
        cond |= Q(instansi_id=user.instansi_id)
    if p.is_operator:
        cond |= reduce(or_, (Q(unit__path__startswith=path) for _, path in p.unit_operator))
    return qs.filter(cond)


def boleh_menjawab(user, pertanyaan: Pertanyaan) -> bool:
    return pertanyaan_masuk(user).filter(pk=pertanyaan.pk).exists()


def pertanyaan_saya(user) -> QuerySet[Pertanyaan]:
    return Pertanyaan.objects.filter(penanya=user).select_related("penjawab")


def get_pertanyaan(user, pk: int) -> Pertanyaan:
    """One question the user asked or answers; a foreign id answers 404."""
    qs = Pertanyaan.objects.select_related("penanya", "unit", "penjawab")
    terlihat = qs.filter(Q(penanya=user) | Q(pk__in=pertanyaan_masuk(user).values("pk")))
    return get_object_or_404(terlihat, pk=pk)


def batas_waktu_tertunda(instansi_id: int | None, hari_ini: dt.date) -> dt.datetime:
    """Questions asked before this moment have waited more than N workdays."""
    libur = hari_libur(instansi_id, hari_ini - dt.timedelta(days=40), hari_ini)
    batas = batas_tertunda(hari_ini, HARI_KERJA_TERTUNDA, libur)
    return timezone.make_aware(dt.datetime.combine(batas, dt.time.min))


def tertunda(user, hari_ini: dt.date) -> QuerySet[Pertanyaan]:
    """Unanswered questions (status baru) older than N workdays that the user oversees."""
    return pertanyaan_masuk(user).filter(
        status=Pertanyaan.Status.BARU,
        dibuat_pada__lt=batas_waktu_tertunda(user.instansi_id, hari_ini),
    )


def menunggu_jawaban(user, p) -> list:
    """The inbox badge, counted with the page's other badges in one query: for an admin the
    questions unanswered for more than N workdays (his home page's box reads the same
    number), for an operator his units' new questions."""
    if p.is_admin:
        return [tertunda(user, p.tanggal)]
    if p.is_operator:
        return [pertanyaan_masuk(user).filter(status=Pertanyaan.Status.BARU)]
    return []


# --- the first-use steps ---------------------------------------------------------------


def versi_langkah(pegawai_id: int) -> str:
    """The cache version of one user's start box (bumped by bantuan.sinyal and the service)."""
    return f"langkah-awal:{pegawai_id}"


def langkah_awal(user) -> tuple[bool, list[Langkah]]:
    """(closed?, the three steps ticked): one query of four EXISTS, then cached until the user
    closes or reopens the box or saves an SKP, an activity or a realisation."""
    ditutup, skp, aktivitas, realisasi = ambil(
        versi_langkah(user.pk), "status", lambda: _hitung_langkah(user)
    )
    return ditutup, langkah_mulai(skp, aktivitas, realisasi)


def _hitung_langkah(user) -> tuple[bool, bool, bool, bool]:
    baris = (
        Pegawai.objects.filter(pk=user.pk)
        .annotate(
            l_ditutup=Exists(MulaiPengguna.objects.filter(pegawai=user, ditutup=True)),
            l_skp=Exists(
                Skp.objects.filter(
                    pegawai=user,
                    status__in=[Skp.Status.DIAJUKAN, Skp.Status.DISETUJUI, Skp.Status.DITETAPKAN],
                )
            ),
            l_aktivitas=Exists(Aktivitas.objects.filter(pegawai=user)),
            l_realisasi=Exists(
                RealisasiBulanan.objects.filter(skp__pegawai=user).exclude(
                    status=RealisasiBulanan.Status.DRAFT
                )
            ),
        )
        .values_list("l_ditutup", "l_skp", "l_aktivitas", "l_realisasi")
        .first()
    )
    return tuple(bool(x) for x in baris) if baris else (False, False, False, False)
