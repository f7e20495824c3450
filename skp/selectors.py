"""Reads of SKP planning, scoped to the user, with a fixed number of queries per page."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from pegawai.models import Pegawai, Riwayat
from pegawai.permissions import peran
from pegawai.selectors import pegawai_terlihat

from .models import IndikatorKinerja, Periode, RencanaHasilKerja, Skp


def periode_terlihat(user) -> QuerySet[Periode]:
    qs = Periode.objects.select_related("instansi")
    if user.is_superuser:
        return qs
    return qs.filter(instansi_id=user.instansi_id)


def skp_terlihat(user) -> QuerySet[Skp]:
    """SKP of the pegawai the user may see, plus those he must approve."""
    qs = Skp.objects.select_related("pegawai", "periode", "jabatan", "unit", "penilai")
    if user.is_superuser:
        return qs
    return qs.filter(Q(pegawai__in=pegawai_terlihat(user).values("pk")) | Q(penilai=user))


def get_skp(user, pk: int) -> Skp:
    """One SKP with everything its page shows, in a fixed number of queries; else 404."""
    qs = skp_terlihat(user).select_related(
        "periode__instansi", "versi_sebelumnya"
    ).prefetch_related(
        Prefetch(
            "rhk",
            queryset=RencanaHasilKerja.objects.select_related("rhk_atasan__skp__pegawai")
            .prefetch_related(Prefetch("indikator", queryset=IndikatorKinerja.objects.order_by(
                "urutan", "id")))
            .order_by("jenis", "urutan", "id"),
        ),
        "perilaku",
        "lampiran",
    )
    return get_object_or_404(qs, pk=pk)


def skp_saya(user) -> QuerySet[Skp]:
    return skp_terlihat(user).filter(pegawai=user).order_by("-periode__mulai", "-mulai", "-versi")


def antrean_persetujuan(user) -> QuerySet[Skp]:
    """SKP waiting for this user as pejabat penilai today (diajukan or disetujui)."""
    ids = peran(user).bawahan_ids
    return (
        Skp.objects.filter(pegawai_id__in=ids, status__in=[Skp.Status.DIAJUKAN, Skp.Status.DISETUJUI])
        .select_related("pegawai", "periode", "jabatan", "unit")
        .annotate(jumlah_rhk=Count("rhk"))
        .order_by("diajukan_pada")
    )


def riwayat_skp(skp: Skp) -> QuerySet[Riwayat]:
    """The timeline of an SKP and of its earlier versions."""
    ids = [skp.pk]
    sebelum = skp.versi_sebelumnya
    while sebelum is not None:  # versions are few (a handful a year)
        ids.append(sebelum.pk)
        sebelum = sebelum.versi_sebelumnya
    return (
        Riwayat.objects.filter(content_type__app_label="skp", content_type__model="skp",
                               object_id__in=ids)
        .select_related("pelaku", "subjek")
        .order_by("-waktu", "-id")
    )


def matriks_peran_hasil(skp_atasan: Skp) -> list[tuple[RencanaHasilKerja, list[RencanaHasilKerja]]]:
    """Each RHK of the atasan with the subordinates' RHK that intervene it (2 queries).

    RHK of superseded versions are left out; an RHK with an empty list is supported by nobody.
    """
    rhk = list(
        skp_atasan.rhk.filter(jenis=RencanaHasilKerja.Jenis.UTAMA)
        .prefetch_related(
            Prefetch(
                "rhk_intervensi",
                queryset=RencanaHasilKerja.objects.exclude(skp__status=Skp.Status.DIGANTIKAN)
                .select_related("skp__pegawai", "skp__jabatan")
                .order_by("skp__pegawai__nama", "id"),
                to_attr="pendukung",
            )
        )
        .order_by("urutan", "id")
    )
    return [(r, r.pendukung) for r in rhk]


def pegawai_belum_punya_skp(user, periode: Periode) -> QuerySet[Pegawai]:
    return pegawai_terlihat(user).exclude(skp__periode=periode)
