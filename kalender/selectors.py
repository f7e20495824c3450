"""Reads of the workday calendar: holidays and declared outages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from inti.cache_versi import ambil
from kalender.models import GangguanLayanan, HariLibur
from kalender.rules import hari_dalam_rentang

VERSI = "kalender"


def hari_libur(instansi_id: int | None, mulai: dt.date, selesai: dt.date) -> set[dt.date]:
    """Holidays between two dates: national ones and the instansi's own.

    Every entry and every day page asks; the holidays of a year are read once and cached
    until the calendar changes (``kalender.sinyal``)."""
    return set(nama_libur(instansi_id, mulai, selesai))


def nama_libur(instansi_id: int | None, mulai: dt.date, selesai: dt.date) -> dict[dt.date, str]:
    """:func:`hari_libur` with each holiday's name (the week and month pages show it)."""
    hasil: dict[dt.date, str] = {}
    for tahun in range(mulai.year, selesai.year + 1):
        hasil.update((d, n) for d, n in _libur_tahun(instansi_id, tahun) if mulai <= d <= selesai)
    return hasil


def _libur_tahun(instansi_id: int | None, tahun: int) -> tuple[tuple[dt.date, str], ...]:
    return ambil(
        VERSI,
        f"libur:{instansi_id}:{tahun}",
        lambda: tuple(
            HariLibur.objects.filter(tanggal__year=tahun)
            .filter(Q(instansi__isnull=True) | Q(instansi_id=instansi_id))
            # an instansi's own holiday after a national one of the same day: its name wins
            .order_by("tanggal", F("instansi_id").asc(nulls_first=True))
            .values_list("tanggal", "nama")
        ),
    )


# --- declared outages (issue 16) ----------------------------------------------------------
@dataclass(frozen=True)
class Gangguan:
    """A declared outage as plain values (cached with the holidays)."""

    pk: int
    mulai: dt.date
    selesai: dt.date
    alasan: str
    instansi_id: int | None


def gangguan(instansi_id: int | None, mulai: dt.date, selesai: dt.date) -> list[Gangguan]:
    """The outages of the installation and of the instansi that touch [mulai, selesai];
    read once a year and cached until the calendar changes, like the holidays."""
    terlihat: dict[int, Gangguan] = {}
    for tahun in range(mulai.year, selesai.year + 1):
        for g in _gangguan_tahun(instansi_id, tahun):
            if g.mulai <= selesai and g.selesai >= mulai:
                terlihat[g.pk] = g
    return sorted(terlihat.values(), key=lambda g: (g.mulai, g.pk))


def hari_gangguan(instansi_id: int | None, mulai: dt.date, selesai: dt.date) -> set[dt.date]:
    """The days between two dates on which an outage was declared."""
    return hari_dalam_rentang(
        ((g.mulai, g.selesai) for g in gangguan(instansi_id, mulai, selesai)), mulai, selesai
    )


def _gangguan_tahun(instansi_id: int | None, tahun: int) -> tuple[Gangguan, ...]:
    return ambil(
        VERSI,
        f"gangguan:{instansi_id}:{tahun}",
        lambda: tuple(
            Gangguan(*baris)
            for baris in GangguanLayanan.objects.filter(
                mulai__year__lte=tahun, selesai__year__gte=tahun
            )
            .filter(Q(instansi__isnull=True) | Q(instansi_id=instansi_id))
            .order_by("mulai", "pk")
            .values_list("pk", "mulai", "selesai", "alasan", "instansi_id")
        ),
    )


def daftar_gangguan(user) -> QuerySet[GangguanLayanan]:
    """The outages the admin sees: the installation's and his instansi's (superuser: all)."""
    qs = GangguanLayanan.objects.select_related("dicatat_oleh")
    if user.is_superuser:
        return qs
    return qs.filter(Q(instansi__isnull=True) | Q(instansi_id=user.instansi_id))
