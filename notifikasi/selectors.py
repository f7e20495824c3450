"""Read-side queries of the notification centre (always scoped to the logged-in user)."""

from __future__ import annotations

from django.db.models import F, QuerySet

from .models import Notifikasi


def belum_dibaca(user) -> QuerySet[Notifikasi]:
    """Unread notifications: the header counts them on every page (penerima, dibaca_pada),
    with the menu's badges in one query (``ekinerja.navigasi.daftarkan_hitungan_kepala``)."""
    return Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True)


def notifikasi_saya(user) -> QuerySet[Notifikasi]:
    """Unread first, newest first."""
    return Notifikasi.objects.filter(penerima=user).order_by(
        F("dibaca_pada").asc(nulls_first=True), "-dibuat_pada", "-id"
    )
