"""Declaring a service outage (issue 16) and what it excuses: the declaration is kept by the
calendar (``kalender.services``); here, in the same transaction, the lateness already
recorded that the outage excuses is cleared — activities of the outage days and those whose
entry deadline the outage stretched, and the realisation of the affected months submitted
by the moved deadline.  Only ever from late to on time: an outage never makes anyone late."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from aktivitas import rules
from aktivitas.models import Aktivitas, RealisasiBulanan
from aktivitas.selectors import gangguan as selectors_gangguan
from aktivitas.selectors.pengaturan import pengaturan_kinerja
from kalender.models import GangguanLayanan
from kalender.rules import MAKS_HARI_GANGGUAN
from kalender.selectors import hari_gangguan, hari_libur
from kalender.services import hapus_gangguan, nyatakan_gangguan
from pegawai.models import Pegawai
from pegawai.services.organisasi import catat_riwayat


@transaction.atomic
def nyatakan(aktor: Pegawai, mulai: dt.date, selesai: dt.date, alasan: str) -> GangguanLayanan:
    """Declare an outage and clear the lateness it excuses (recorded with the counts)."""
    g = nyatakan_gangguan(aktor, mulai, selesai, alasan)
    aktivitas = _bebaskan_aktivitas(g)
    realisasi = _bebaskan_realisasi(g)
    catat_riwayat(
        pelaku=aktor,
        objek=g,
        aksi="gangguan.diterapkan",
        data={"aktivitas": aktivitas, "realisasi": realisasi},
    )
    return g


def hapus(aktor: Pegawai, g: GangguanLayanan) -> None:
    """Withdraw a declaration made in error (``kalender.services.hapus_gangguan``)."""
    hapus_gangguan(aktor, g)


def _lingkup(qs, g: GangguanLayanan, jalur: str):
    return qs if g.instansi_id is None else qs.filter(**{jalur: g.instansi_id})


def _bebaskan_aktivitas(g: GangguanLayanan) -> int:
    """Late activities dated in the outage, or before it with an entry deadline it moved."""
    dari = g.mulai - dt.timedelta(days=3 * MAKS_HARI_GANGGUAN)
    baris = _lingkup(
        Aktivitas.objects.filter(terlambat=True, tanggal__gte=dari, tanggal__lte=g.selesai),
        g,
        "pegawai__instansi_id",
    ).values_list("pk", "tanggal", "dientri_pada", "pegawai__instansi_id")
    per_instansi: dict[int | None, list] = defaultdict(list)
    for b in baris:
        per_instansi[b[3]].append(b)
    bebas: list[int] = []
    for instansi_id, daftar in per_instansi.items():
        n = pengaturan_kinerja(instansi_id).batas_hari_kerja_terlambat
        akhir = g.selesai + dt.timedelta(days=n * 3 + 30 + MAKS_HARI_GANGGUAN)
        libur = hari_libur(instansi_id, dari, akhir)
        hari = hari_gangguan(instansi_id, dari, akhir)
        for pk, tanggal, dientri, _ in daftar:
            if not rules.is_terlambat(tanggal, timezone.localdate(dientri), n, libur, hari):
                bebas.append(pk)
    if bebas:
        Aktivitas.objects.filter(pk__in=bebas).update(terlambat=False)
    return len(bebas)


def _bulan_terdampak(g: GangguanLayanan) -> list[tuple[int, int]]:
    """The months whose span from the first day to the deadline may hold outage days: the
    months of the outage and the one before its first day."""
    awal = (g.mulai.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    hasil, t = [], awal
    while t <= g.selesai:
        hasil.append((t.year, t.month))
        t = (t + dt.timedelta(days=32)).replace(day=1)
    return hasil


def _bebaskan_realisasi(g: GangguanLayanan) -> int:
    """Late realisation of an affected month submitted by the moved deadline.  A row returned
    and submitted again keeps its last submission time only, so it is cleared when that one
    is in time (never wrongly; a first submission in time and a late resubmission stays)."""
    jumlah = 0
    for tahun, bulan in _bulan_terdampak(g):
        qs = _lingkup(
            RealisasiBulanan.objects.filter(
                terlambat=True, tahun=tahun, bulan=bulan, diajukan_pada__isnull=False
            ),
            g,
            "skp__pegawai__instansi_id",
        )
        per_instansi: dict[int | None, list[tuple[int, dt.datetime]]] = defaultdict(list)
        for pk, instansi_id, diajukan in qs.values_list(
            "pk", "skp__pegawai__instansi_id", "diajukan_pada"
        ):
            per_instansi[instansi_id].append((pk, diajukan))
        for instansi_id, daftar in per_instansi.items():
            batas = selectors_gangguan.batas_realisasi(instansi_id, tahun, bulan)
            if not batas.bergeser:
                continue
            bebas = [pk for pk, d in daftar if timezone.localdate(d) <= batas.berlaku]
            if bebas:
                jumlah += RealisasiBulanan.objects.filter(pk__in=bebas).update(terlambat=False)
    return jumlah
