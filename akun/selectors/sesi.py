"""Reads of the login history and the sessions, scoped to who asks."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from akun.models import RiwayatMasuk, SesiPengguna
from pegawai.models import Pegawai
from pegawai.selectors.organisasi import pegawai_kelola


def riwayat_masuk(pegawai: Pegawai) -> QuerySet[RiwayatMasuk]:
    """One pegawai's login history, newest first."""
    return RiwayatMasuk.objects.filter(pegawai=pegawai).order_by("-waktu", "-id")


def sesi_aktif(pegawai: Pegawai) -> QuerySet[SesiPengguna]:
    """His sessions that still open pages: not ended, and whose Django session still lives
    (sessions are stored in the database: SESSION_ENGINE's default)."""
    hidup = Session.objects.filter(
        session_key=OuterRef("kunci_sesi"), expire_date__gt=timezone.now()
    )
    return (
        SesiPengguna.objects.filter(pegawai=pegawai, berakhir__isnull=True)
        .filter(Exists(hidup))
        .order_by("-terakhir_aktif", "-id")
    )


def get_sesi(pegawai: Pegawai, pk: int) -> SesiPengguna:
    """One of his own sessions; anyone else's answers 404."""
    return get_object_or_404(SesiPengguna.objects.filter(pegawai=pegawai), pk=pk)


def pegawai_diawasi(user, pk: int) -> Pegawai:
    """A pegawai whose login history the admin may read (his instansi; superuser: all)."""
    return get_object_or_404(pegawai_kelola(user), pk=pk)


def riwayat_masuk_instansi(user, cari: str = "") -> QuerySet[RiwayatMasuk]:
    """The login history of every pegawai the admin manages, newest first."""
    qs = RiwayatMasuk.objects.filter(pegawai__in=pegawai_kelola(user).values("pk"))
    if cari:
        nip = cari.replace(" ", "")  # a NIP is often typed in its parts
        qs = qs.filter(Q(pegawai__nip__startswith=nip) | Q(pegawai__nama__icontains=cari))
    return qs.select_related("pegawai").order_by("-waktu", "-id")
