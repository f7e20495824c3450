"""Read-side queries of the notification centre (always scoped to the logged-in user)."""

from __future__ import annotations

from django.db.models import F, QuerySet

from .models import Notifikasi


def jumlah_belum_dibaca(user) -> int:
    """Unread count for the header: one indexed COUNT per page (penerima, dibaca_pada)."""
    return Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True).count()


def notifikasi_saya(user) -> QuerySet[Notifikasi]:
    """Unread first, newest first."""
    return Notifikasi.objects.filter(penerima=user).order_by(
        F("dibaca_pada").asc(nulls_first=True), "-dibuat_pada", "-id"
    )
