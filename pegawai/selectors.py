"""Reads of organisation and people data, always scoped to what the user may see."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Jabatan, OperatorUnit, Pegawai, Penugasan, Riwayat, UnitKerja
from .permissions import peran


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
