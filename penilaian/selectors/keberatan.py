"""Scoped queries of the objection pages."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from pegawai.permissions import peran
from penilaian.models import Keberatan
from penilaian.selectors.nilai import penilaian_terlihat

_RELASI = ("penilaian__periode_penilaian__periode", "pegawai", "pemutus", "diputus_oleh")


def keberatan_terlihat(user) -> QuerySet[Keberatan]:
    """Objections whose rating the user may read, plus those he must decide."""
    qs = Keberatan.objects.select_related(*_RELASI)
    if user.is_superuser:
        return qs
    return qs.filter(
        Q(penilaian__in=penilaian_terlihat(user).values("pk")) | Q(pemutus=user)
    ).distinct()


def keberatan_saya(user) -> QuerySet[Keberatan]:
    return Keberatan.objects.filter(pegawai=user).select_related(*_RELASI)


def keberatan_masuk(user) -> QuerySet[Keberatan]:
    """Objections the user decides (the admin: those for the PPK), pending first."""
    syarat = Q(pemutus=user)
    if peran(user).is_admin:
        syarat |= Q(
            pemutus__isnull=True,
            penilaian__periode_penilaian__periode__instansi_id=user.instansi_id,
        )
    return (
        Keberatan.objects.filter(syarat)
        .select_related(*_RELASI)
        .annotate(
            _urut=Case(
                When(status=Keberatan.Status.DIAJUKAN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("_urut", "-diajukan_pada")
    )
