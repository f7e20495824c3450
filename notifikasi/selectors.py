"""Read-side queries of the notification centre (always scoped to the logged-in user)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from aktivitas.models import Aktivitas, RealisasiBulanan
from inti.cache_versi import ambil
from penilaian.models import Penilaian, PeriodePenilaian
from skp.models import Skp

from .models import Notifikasi, PengaturanPengingat


def belum_dibaca(user) -> QuerySet[Notifikasi]:
    """Unread notifications: the header counts them on every page (penerima, dibaca_pada),
    with the menu's badges in one query (``ekinerja.navigasi.daftarkan_hitungan_kepala``)."""
    return Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True)


def notifikasi_saya(user) -> QuerySet[Notifikasi]:
    """Unread first, newest first."""
    return Notifikasi.objects.filter(penerima=user).order_by(
        F("dibaca_pada").asc(nulls_first=True), "-dibuat_pada", "-id"
    )


# --- reviews waiting too long (issue 17 §3) ----------------------------------------------------
# Read by the escalation reminder (notifikasi.services.pengingat) and by the dashboards
# (pemantauan.selectors.ketepatan).  ``q`` always filters on the item's penilai, so the
# caller decides the scope (an instansi, an operator's units, an atasan's subordinates).
VERSI_PENGATURAN = "pengaturan-pengingat"  # bumped on every save (notifikasi.apps)


@dataclass(frozen=True)
class BatasTunda:
    """The instansi's two limits, in workdays: overdue for the penilai, then escalated."""

    penilai: int
    atasan: int


def batas_tunda(instansi_id: int | None) -> BatasTunda:
    """The limits of an instansi (the defaults without a settings row), cached."""

    def hitung() -> BatasTunda:
        baris = (
            PengaturanPengingat.objects.filter(instansi_id=instansi_id)
            .values_list("hari_tinjauan_tertunda", "hari_eskalasi_atasan")
            .first()
        )
        if baris is None:
            bawaan = PengaturanPengingat._meta
            baris = (
                bawaan.get_field("hari_tinjauan_tertunda").default,
                bawaan.get_field("hari_eskalasi_atasan").default,
            )
        return BatasTunda(*baris)

    return ambil(VERSI_PENGATURAN, str(instansi_id), hitung)


def aktivitas_menunggu(q: Q) -> QuerySet[Aktivitas]:
    return Aktivitas.objects.filter(q, status=Aktivitas.Status.MENUNGGU)


def realisasi_menunggu(q: Q) -> QuerySet[RealisasiBulanan]:
    return RealisasiBulanan.objects.filter(q, status=RealisasiBulanan.Status.DIAJUKAN)


def jendela_lewat(instansi_id: int | None, sebelum: dt.date, hari_ini: dt.date) -> list:
    """Evaluation windows whose deadline is on or before ``sebelum`` and less than a year
    ago (an older window is the archive's business, not a reminder's), cached."""

    def hitung() -> list[PeriodePenilaian]:
        qs = PeriodePenilaian.objects.filter(
            batas__lte=sebelum, batas__gte=hari_ini - dt.timedelta(days=365)
        )
        if instansi_id is not None:
            qs = qs.filter(periode__instansi_id=instansi_id)
        return list(qs.select_related("periode").order_by("batas", "pk"))

    return ambil("periode", f"jendela-lewat:{instansi_id}:{sebelum}:{hari_ini}", hitung)


def skp_belum_dinilai(q: Q, jendela: list) -> QuerySet[Skp]:
    """The ditetapkan SKPs some window of ``jendela`` must rate and has no finished rating
    for; ``q`` filters on the SKP's penilai (the pejabat penilai it was approved by)."""
    if not jendela:
        return Skp.objects.none()
    salah_satu = Q()
    for pp in jendela:
        selesai = Penilaian.objects.filter(
            skp=OuterRef("pk"),
            periode_penilaian=pp,
            status__in=(Penilaian.Status.DINILAI, Penilaian.Status.FINAL),
        )
        salah_satu |= Q(
            Q(periode_id=pp.periode_id, mulai__lte=pp.selesai, selesai__gte=pp.mulai),
            ~Exists(selesai),
        )
    return Skp.objects.filter(q, salah_satu, status=Skp.Status.DITETAPKAN)
