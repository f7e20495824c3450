"""Reads of announcements: the banners of a page (one cached read) and the admin's list."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from inti.cache_versi import ambil
from pegawai.models import Riwayat, UnitKerja
from pegawai.permissions import peran as peran_user

from . import rules
from .models import Pengumuman

VERSI = "pengumuman"
KUNCI_SESI = "pengumuman_ditutup"
MAKS_SPANDUK = 3  # banners on one page; closing one shows the next


# --- the banners --------------------------------------------------------------------------
def _spanduk(qs: QuerySet[Pengumuman]) -> tuple[rules.Spanduk, ...]:
    """The announcements not yet over, as plain values (the audience's sub-units resolved)."""
    sekarang = timezone.now()
    daftar = list(
        qs.filter(selesai__gt=sekarang, diakhiri_pada__isnull=True)
        .prefetch_related("unit")
        .order_by("mulai", "pk")
    )
    path = {u.path for p in daftar for u in p.unit.all()}
    anak: list[tuple[int, str]] = []
    if path:
        cocok = Q()
        for x in path:
            cocok |= Q(path__startswith=x)
        anak = list(UnitKerja.objects.filter(cocok).values_list("pk", "path"))
    hasil = []
    for p in daftar:
        dipilih = [u.path for u in p.unit.all()]
        unit_ids = frozenset(pk for pk, x in anak if any(x.startswith(d) for d in dipilih))
        hasil.append(
            rules.Spanduk(
                pk=p.pk,
                jenis=p.jenis,
                isi=p.isi,
                mulai=p.mulai,
                selesai=p.selesai,
                tampil_sejak=rules.tampil_sejak(p.jenis, p.mulai, p.hari_sebelum),
                tampil_sampai=rules.tampil_sampai(p.selesai, p.diakhiri_pada),
                unit_ids=unit_ids,
                peran=tuple(p.peran or ()),
            )
        )
    return tuple(hasil)


def _spanduk_instansi(instansi_id: int | None) -> tuple[rules.Spanduk, ...]:
    return ambil(
        VERSI,
        f"spanduk:{instansi_id}",
        lambda: _spanduk(
            Pengumuman.objects.filter(Q(instansi__isnull=True) | Q(instansi_id=instansi_id))
        ),
    )


def _spanduk_masuk() -> tuple[rules.Spanduk, ...]:
    """The login page's: maintenance notices addressed to everyone, of any instansi (before
    login nobody's instansi is known, and a maintenance stops the whole server)."""
    return ambil(
        VERSI,
        "spanduk:masuk",
        lambda: _spanduk(
            Pengumuman.objects.filter(
                jenis=Pengumuman.Jenis.PEMELIHARAAN, unit__isnull=True, peran=[]
            )
        ),
    )


def hangatkan_saat_masuk(sender, request, user, **kwargs) -> None:
    """At login, read the instansi's banners into the cache (one query when it is cold), so
    that the first page after login pays nothing for them either.  Never fails a login."""
    try:
        _spanduk_instansi(user.instansi_id)
    except Exception:  # noqa: BLE001 - a cache or database hiccup is the page's to retry
        return


def peran_pembaca(user) -> set[str]:
    """The roles an announcement may address that ``user`` holds (from the cached roles)."""
    p = peran_user(user)
    hasil = set()
    if p.is_atasan:
        hasil.add(Pengumuman.Peran.ATASAN)
    if p.is_operator:
        hasil.add(Pengumuman.Peran.OPERATOR)
    if p.is_admin:
        hasil.add(Pengumuman.Peran.ADMIN)
    return hasil


def spanduk(user, ditutup, sekarang: dt.datetime | None = None) -> list[rules.Spanduk]:
    """The banners ``user`` (anonymous: the login page's) sees now, minus those he closed in
    this session.  One cached read; no query once cached."""
    sekarang = sekarang or timezone.now()
    if user is None or not user.is_authenticated:
        return _paling_penting(
            [
                s
                for s in _spanduk_masuk()
                if rules.sedang_tampil(s, sekarang) and s.pk not in ditutup
            ]
        )
    semua = [
        s
        for s in _spanduk_instansi(user.instansi_id)
        if rules.sedang_tampil(s, sekarang) and s.pk not in ditutup
    ]
    if not semua:
        return []
    peran = peran_pembaca(user) if any(s.peran for s in semua) else set()
    return _paling_penting([s for s in semua if rules.untuk_pembaca(s, user.unit_kerja_id, peran)])


def _paling_penting(daftar: list[rules.Spanduk]) -> list[rules.Spanduk]:
    """At most :data:`MAKS_SPANDUK` banners: maintenance first, then the newest."""
    daftar.sort(key=lambda s: (not s.is_pemeliharaan, -s.mulai.timestamp(), -s.pk))
    return daftar[:MAKS_SPANDUK]


# --- the admin's pages --------------------------------------------------------------------
def daftar_pengumuman(user) -> QuerySet[Pengumuman]:
    """What the admin may manage: his instansi's (the superuser: all)."""
    if user.is_superuser:
        return Pengumuman.objects.all()
    if not (user.is_admin_instansi and user.instansi_id):
        return Pengumuman.objects.none()
    return Pengumuman.objects.filter(instansi_id=user.instansi_id)


def get_pengumuman(user, pk: int) -> Pengumuman:
    """One announcement the admin may manage (404 else)."""
    return get_object_or_404(daftar_pengumuman(user).select_related("instansi"), pk=pk)


def riwayat_pengumuman(p: Pengumuman, batas: int = 25) -> QuerySet[Riwayat]:
    return (
        Riwayat.objects.filter(
            content_type=ContentType.objects.get_for_model(Pengumuman), object_id=p.pk
        )
        .select_related("pelaku", "subjek")
        .order_by("-waktu", "-pk")[:batas]
    )


def unit_pilihan(user) -> QuerySet[UnitKerja]:
    """The units an announcement of ``user`` may address (his instansi's)."""
    qs = UnitKerja.objects.filter(aktif=True).order_by("path")
    if user.is_superuser and not user.instansi_id:
        return qs
    return qs.filter(instansi_id=user.instansi_id)
