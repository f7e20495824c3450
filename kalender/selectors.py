"""Reads of the workday calendar."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from kalender.models import HariLibur


def hari_libur(instansi_id: int | None, mulai: dt.date, selesai: dt.date) -> set[dt.date]:
    """Holidays between two dates: national ones and the instansi's own."""
    return set(
        HariLibur.objects.filter(tanggal__range=(mulai, selesai))
        .filter(Q(instansi__isnull=True) | Q(instansi_id=instansi_id))
        .values_list("tanggal", flat=True)
    )
