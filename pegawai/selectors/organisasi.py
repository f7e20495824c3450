"""Reads of organisation and people data, always scoped to what the user may see."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from pegawai.models import Jabatan, OperatorUnit, Pegawai, Penugasan, Riwayat, UnitKerja
from pegawai.permissions import peran


def _filter_unit(user, field: str) -> Q:
    """Q for rows whose unit (reached through ``field``) the user may see as operator."""
    paths = [p for _, p in peran(user).unit_operator]
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__path__startswith": p}) for p in paths))


def pegawai_terlihat(user) -> QuerySet[Pegawai]:
    """Pegawai the user may see: himself, his subordinates, his units, his instansi."""
    qs = Pegawai.objects.select_related("unit_kerja", "instansi")
    if user.is_superuser:
        return qs
    p = peran(user)
    cond = Q(pk=user.pk)
    if p.is_admin:
        cond |= Q(instansi_id=user.instansi_id)
    if p.is_operator:
        cond |= _filter_unit(user, "unit_kerja")
    if p.bawahan_ids:
        cond |= Q(pk__in=p.bawahan_ids)
    return qs.filter(cond)


def get_pegawai(user, pk: int) -> Pegawai:
    """One pegawai through the scoped queryset: a foreign id answers 404."""
    return get_object_or_404(pegawai_terlihat(user), pk=pk)


def unit_terlihat(user) -> QuerySet[UnitKerja]:
    qs = UnitKerja.objects.select_related("induk", "instansi")
    if user.is_superuser:
        return qs
    p = peran(user)
    if p.is_admin:
        return qs.filter(instansi_id=user.instansi_id)
    if p.is_operator:
        return qs.filter(reduce(or_, (Q(path__startswith=path) for _, path in p.unit_operator)))
    return qs.filter(pk=user.unit_kerja_id) if user.unit_kerja_id else qs.none()


def unit_kelola(user) -> QuerySet[UnitKerja]:
    """Units the user may change (admin instansi only)."""
    if user.is_superuser:
        return UnitKerja.objects.select_related("induk", "instansi")
    if peran(user).is_admin:
        return UnitKerja.objects.select_related("induk", "instansi").filter(
            instansi_id=user.instansi_id
        )
    return UnitKerja.objects.none()


def jabatan_kelola(user) -> QuerySet[Jabatan]:
    qs = Jabatan.objects.select_related("unit", "induk", "instansi")
    if user.is_superuser:
        return qs
    if peran(user).is_admin:
        return qs.filter(instansi_id=user.instansi_id)
    return qs.none()


def pegawai_kelola(user) -> QuerySet[Pegawai]:
    qs = Pegawai.objects.select_related("unit_kerja", "instansi")
    if user.is_superuser:
        return qs
    if peran(user).is_admin:
        return qs.filter(instansi_id=user.instansi_id)
    return qs.none()


def penugasan_kelola(user) -> QuerySet[Penugasan]:
    qs = Penugasan.objects.select_related("pegawai", "jabatan__unit")
    if user.is_superuser:
        return qs
    if peran(user).is_admin:
        return qs.filter(jabatan__instansi_id=user.instansi_id)
    return qs.none()


def operator_kelola(user) -> QuerySet[OperatorUnit]:
    qs = OperatorUnit.objects.select_related("pegawai", "unit", "dibuat_oleh")
    if user.is_superuser:
        return qs
    if peran(user).is_admin:
        return qs.filter(unit__instansi_id=user.instansi_id)
    return qs.none()


def penugasan_aktif(pegawai: Pegawai, tanggal: dt.date | None = None) -> QuerySet[Penugasan]:
    return (
        Penugasan.objects.aktif_pada(tanggal or dt.date.today())
        .filter(pegawai=pegawai)
        .select_related("jabatan__unit")
        .order_by("jenis", "-mulai")
    )


def riwayat_pegawai(pegawai: Pegawai, batas: int = 50) -> QuerySet[Riwayat]:
    return (
        Riwayat.objects.filter(subjek=pegawai)
        .select_related("pelaku", "subjek", "content_type")
        .order_by("-waktu", "-id")[:batas]
    )


# --- the admin instansi's management pages (pegawai/views/kelola.py) ------------------------
def instansi_kelola(user) -> QuerySet:
    """Instansi whose master data the user manages: all for a superuser, else his own."""
    from pegawai.models import Instansi

    if user.is_superuser:
        return Instansi.objects.all()
    if peran(user).is_admin:
        return Instansi.objects.filter(pk=user.instansi_id)
    return Instansi.objects.none()


def _jumlah(qs: QuerySet, kolom: str):
    """A correlated COUNT(*) of ``qs`` grouped by ``kolom`` (0 when none).

    Subqueries rather than ``Count`` over joins: two counts over two joins multiply rows.
    """
    from django.db.models import Count, IntegerField, Subquery
    from django.db.models.functions import Coalesce

    hitung = qs.order_by().values(kolom).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(hitung, output_field=IntegerField()), 0)


def unit_kelola_daftar(user, instansi, *, cari: str = "") -> QuerySet[UnitKerja]:
    """The instansi's unit tree (ordered by path) with pegawai and jabatan counts per unit."""
    from django.db.models import OuterRef

    qs = unit_kelola(user).filter(instansi=instansi)
    if cari:
        qs = qs.filter(Q(nama__icontains=cari) | Q(kode__icontains=cari))
    return qs.annotate(
        jumlah_pegawai=_jumlah(
            Pegawai.objects.filter(
                unit_kerja=OuterRef("pk"), status__in=Pegawai.STATUS_BOLEH_MASUK
            ),
            "unit_kerja",
        ),
        jumlah_jabatan=_jumlah(Jabatan.objects.filter(unit=OuterRef("pk"), aktif=True), "unit"),
    ).order_by("path")


def jabatan_kelola_daftar(
    user,
    instansi,
    *,
    unit: UnitKerja | None = None,
    jenis: str = "",
    cari: str = "",
    tanggal: dt.date | None = None,
) -> QuerySet[Jabatan]:
    """The instansi's jabatan, each with ``pemangku_kini``: today's definitif/Plt/Plh."""
    from django.db.models import Prefetch

    qs = jabatan_kelola(user).filter(instansi=instansi)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if jenis:
        qs = qs.filter(jenis=jenis)
    if cari:
        qs = qs.filter(nama__icontains=cari)
    pemangku = (
        Penugasan.objects.aktif_pada(tanggal or dt.date.today())
        .select_related("pegawai")
        .order_by("jenis", "-mulai")
    )
    return qs.prefetch_related(Prefetch("penugasan", queryset=pemangku, to_attr="pemangku_kini"))


def pegawai_kelola_daftar(
    user,
    instansi,
    *,
    cari: str = "",
    unit: UnitKerja | None = None,
    status: str = "",
    tanggal: dt.date | None = None,
) -> QuerySet[Pegawai]:
    """The instansi's pegawai, each with ``penugasan_kini`` (today's assignments)."""
    from django.db.models import Prefetch

    qs = pegawai_kelola(user).filter(instansi=instansi)
    if cari:
        nip = "".join(cari.split())
        cond = Q(nama__icontains=cari)
        if nip.isdigit():
            cond |= Q(nip__startswith=nip)
        qs = qs.filter(cond)
    if unit is not None:
        qs = qs.filter(unit_kerja__path__startswith=unit.path)
    if status:
        qs = qs.filter(status=status)
    kini = (
        Penugasan.objects.aktif_pada(tanggal or dt.date.today())
        .select_related("jabatan")
        .order_by("jenis", "-mulai")
    )
    return qs.order_by("nama", "nip").prefetch_related(
        Prefetch("penugasan", queryset=kini, to_attr="penugasan_kini")
    )


def penugasan_pegawai_kelola(user, pegawai: Pegawai) -> QuerySet[Penugasan]:
    """Every assignment of a pegawai, past and current, newest first."""
    return (
        penugasan_kelola(user)
        .filter(pegawai=pegawai)
        .select_related("jabatan__unit", "dibuat_oleh")
        .order_by("-mulai", "-id")
    )


def jabatan_pilihan(user, instansi_id: int) -> QuerySet[Jabatan]:
    """Active jabatan of an instansi, ordered so that they group by unit (for a <select>)."""
    return (
        jabatan_kelola(user)
        .filter(instansi_id=instansi_id, aktif=True)
        .select_related("unit")
        .order_by("unit__path", "path")
    )


def operator_kelola_daftar(
    user, instansi, *, cari: str = "", unit: UnitKerja | None = None
) -> QuerySet[OperatorUnit]:
    qs = operator_kelola(user).filter(unit__instansi=instansi)
    if cari:
        nip = "".join(cari.split())
        cond = Q(pegawai__nama__icontains=cari)
        if nip.isdigit():
            cond |= Q(pegawai__nip__startswith=nip)
        qs = qs.filter(cond)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.order_by("unit__path", "pegawai__nama", "pk")


def unit_dioperatori(user) -> QuerySet[UnitKerja]:
    """The units given to this operator (their sub-units are implied), for his home page."""
    ids = [unit_id for unit_id, _ in peran(user).unit_operator]
    return UnitKerja.objects.filter(pk__in=ids).order_by("path")


def bawahan_dinilai(user) -> QuerySet[Pegawai]:
    """The pegawai whose pejabat penilai the user is today."""
    return Pegawai.objects.select_related("unit_kerja").filter(pk__in=peran(user).bawahan_ids)


def dengan_jabatan(qs: QuerySet[Pegawai], tanggal: dt.date | None = None) -> QuerySet[Pegawai]:
    """Annotate ``jabatan_nama``: each pegawai's definitif jabatan on the date (one subquery)."""
    from django.db.models import OuterRef, Subquery

    definitif = (
        Penugasan.objects.aktif_pada(tanggal or dt.date.today())
        .filter(pegawai=OuterRef("pk"), jenis=Penugasan.Jenis.DEFINITIF)
        .order_by("-mulai")
        .values("jabatan__nama")[:1]
    )
    return qs.annotate(jabatan_nama=Subquery(definitif))


def saring_pegawai(
    qs: QuerySet[Pegawai],
    *,
    cari: str = "",
    unit: UnitKerja | None = None,
    status: str = "",
) -> QuerySet[Pegawai]:
    """Narrow a (scoped) pegawai queryset by NIP/name, unit (with its sub-units) and status."""
    cari = cari.strip()
    if cari:
        angka = "".join(cari.split())
        kondisi = Q(nama__icontains=cari)
        if angka.isdigit():
            kondisi |= Q(nip__contains=angka)
        qs = qs.filter(kondisi)
    if unit is not None:
        qs = qs.filter(unit_kerja__path__startswith=unit.path)
    if status:
        qs = qs.filter(status=status)
    return qs
