"""Reads of the workday calendar."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from inti.cache_versi import ambil
from kalender.models import HariLibur

VERSI = "kalender"


def hari_libur(instansi_id: int | None, mulai: dt.date, selesai: dt.date) -> set[dt.date]:
    """Holidays between two dates: national ones and the instansi's own.

    Every entry and every day page asks; the holidays of a year are read once and cached
    until the calendar changes (``kalender.sinyal``)."""
    hasil: set[dt.date] = set()
    for tahun in range(mulai.year, selesai.year + 1):
        hasil.update(d for d in _libur_tahun(instansi_id, tahun) if mulai <= d <= selesai)
    return hasil


def _libur_tahun(instansi_id: int | None, tahun: int) -> frozenset[dt.date]:
    return ambil(
        VERSI,
        f"{instansi_id}:{tahun}",
        lambda: frozenset(
            HariLibur.objects.filter(tanggal__year=tahun)
            .filter(Q(instansi__isnull=True) | Q(instansi_id=instansi_id))
            .values_list("tanggal", flat=True)
        ),
    )
