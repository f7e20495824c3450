"""Reads of the atasan's review queue, the monthly realisation and the feedback threads.

The queue reads ``Aktivitas`` by (penilai, status, pegawai, tanggal) — the table's index — using the
pejabat penilai stored at entry; the services check the right again on action (the stored
penilai is a hint for the query, not the right).  A page costs a fixed number of queries
whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Lower, Trim
from django.http import Http404

from aktivitas import rules
from aktivitas.models import Aktivitas, RealisasiBulanan, UmpanBalik
from aktivitas.selectors.harian import aktivitas_terlihat, bukti_dengan_pengunggah
from aktivitas.selectors.kuasa import kuasa_berlaku_dari, sumber_isian
from pegawai.models import Pegawai
from pegawai.permissions import peran
from pegawai.selectors.hierarki import rantai_penilai
from pegawai.selectors.organisasi import pegawai_terlihat
from skp.models import IndikatorKinerja, RencanaHasilKerja

A = Aktivitas.Status
R = RealisasiBulanan.Status
URAIAN_CONTOH = 3


# --- who sees the queue ---------------------------------------------------------------------
def _menunggu_saya(user) -> Q:
    """Rows waiting for this user: his own, and for an admin instansi those of pegawai rated
    by the PPK (stored without a penilai), which he records on the PPK's behalf."""
    cond = Q(penilai=user)
    if peran(user).is_admin and user.instansi_id:
        cond |= Q(penilai__isnull=True, pegawai__instansi_id=user.instansi_id)
    return cond


def boleh_meninjau(user) -> bool:
    """An atasan today, an admin instansi (for the PPK), or someone still holding reviews from
    days he was pejabat penilai (a Plh or Plt whose acting has ended: only he may approve
    those days)."""
    if peran(user).is_atasan or (peran(user).is_admin and user.instansi_id):
        return True
    return (
        Aktivitas.objects.filter(penilai=user, status=A.MENUNGGU).exists()
        or RealisasiBulanan.objects.filter(penilai=user, status=R.DIAJUKAN).exists()
    )


# --- activities waiting for review ----------------------------------------------------------
def _antrean_dasar(user, *, dari: dt.date | None, sampai: dt.date | None) -> QuerySet[Aktivitas]:
    qs = Aktivitas.objects.filter(_menunggu_saya(user), status=A.MENUNGGU)
    if dari:
        qs = qs.filter(tanggal__gte=dari)
    if sampai:
        qs = qs.filter(tanggal__lte=sampai)
    return qs


def _cocok_cari(pegawai: Pegawai, cari: str) -> bool:
    nip = cari.replace(" ", "")
    if nip.isdigit():
        return pegawai.nip.startswith(nip)
    return cari.casefold() in pegawai.nama.casefold()


def antrean_aktivitas(
    user,
    *,
    pegawai_id: int | None = None,
    cari: str = "",
    dari: dt.date | None = None,
    sampai: dt.date | None = None,
) -> QuerySet[Aktivitas]:
    """The user's pending activities, grouped by pegawai, oldest first within each;
    ``cari``: a part of the pegawai's name, or the start of his NIP.  (The queue page reads the
    same rows a page at a time through :func:`antrean_bertahap`.)"""
    qs = _antrean_dasar(user, dari=dari, sampai=sampai)
    if pegawai_id:
        qs = qs.filter(pegawai_id=pegawai_id)
    cari = cari.strip()
    if cari:
        nip = cari.replace(" ", "")
        qs = qs.filter(
            Q(pegawai__nip__startswith=nip) if nip.isdigit() else Q(pegawai__nama__icontains=cari)
        )
    return (
        qs.select_related("pegawai", "rhk", "diisi_oleh")
        .prefetch_related("bukti")
        .order_by("pegawai__nama", "pegawai_id", "tanggal", "jam_mulai", "pk")
    )


def pegawai_menunggu(user) -> list[Pegawai]:
    """The pegawai who have activities waiting for this user, by name, each with
    ``jumlah_menunggu`` (two queries: the counts from the index alone, then the pegawai)."""
    jumlah = dict(
        _antrean_dasar(user, dari=None, sampai=None)
        .order_by()
        .values_list("pegawai_id")
        .annotate(n=Count("*"))
    )
    daftar = list(Pegawai.objects.filter(pk__in=jumlah).order_by("nama", "pk"))
    for p in daftar:
        p.jumlah_menunggu = jumlah[p.pk]
    return daftar


class AntreanBertahap:
    """The queue's rows in :func:`antrean_aktivitas`'s order, read a page at a time.

    Sorting every pending row by the pegawai's name to show twenty was the page's cost for an
    atasan with thousands waiting (a join and a sort of all of them).  The number waiting per
    pegawai, in name order, tells which pegawai a page covers and where in the first one it
    starts, so a page reads only the rows of those pegawai.  A ``Paginator`` takes it as it
    takes a queryset (``count()`` and slices)."""

    def __init__(self, qs: QuerySet[Aktivitas], urutan: list[tuple[int, int]]) -> None:
        self.qs = qs
        self.urutan = [(pid, n) for pid, n in urutan if n]

    def count(self) -> int:
        return sum(n for _pid, n in self.urutan)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, irisan: slice) -> list[Aktivitas]:
        if not isinstance(irisan, slice) or irisan.step not in (None, 1):
            raise TypeError("AntreanBertahap: hanya irisan berurutan")
        awal, akhir, _ = irisan.indices(self.count())
        ids, geser, posisi = [], 0, 0
        for pid, n in self.urutan:
            if posisi + n > awal and posisi < akhir:
                if not ids:
                    geser = awal - posisi
                ids.append(pid)
            posisi += n
            if posisi >= akhir:
                break
        if not ids or akhir <= awal:
            return []
        return list(
            self.qs.filter(pegawai_id__in=ids)
            .select_related("pegawai", "rhk", "diisi_oleh")
            .prefetch_related("bukti")
            .order_by("pegawai__nama", "pegawai_id", "tanggal", "jam_mulai", "pk")[
                geser : geser + (akhir - awal)
            ]
        )


def antrean_bertahap(
    user,
    menunggu: list[Pegawai],
    *,
    pegawai_id: int | None = None,
    cari: str = "",
    dari: dt.date | None = None,
    sampai: dt.date | None = None,
) -> AntreanBertahap:
    """The queue page's rows (:func:`antrean_aktivitas` with the same filters), from the
    pegawai waiting and their counts (:func:`pegawai_menunggu`); a date filter counts again
    (one query)."""
    cari = cari.strip()
    pilih = [
        p
        for p in menunggu
        if (not pegawai_id or p.pk == pegawai_id) and (not cari or _cocok_cari(p, cari))
    ]
    qs = _antrean_dasar(user, dari=dari, sampai=sampai)
    if dari or sampai:
        jumlah = dict(
            qs.filter(pegawai_id__in=[p.pk for p in pilih])
            .order_by()
            .values_list("pegawai_id")
            .annotate(n=Count("*"))
        )
    else:
        jumlah = {p.pk: p.jumlah_menunggu for p in pilih}
    return AntreanBertahap(qs, [(p.pk, jumlah.get(p.pk, 0)) for p in pilih])


def sumber_isian_antrean(user, daftar: list[Aktivitas]) -> None:
    """Put on each activity's pegawai who entered his pending activities in the user's queue
    (``sumber``: himself, an operator, a colleague under kuasa; one aggregate query) and the
    kuasa pengisian he has given in force today (``kuasa``; one query), for the pegawai of the
    page shown."""
    ids = {a.pegawai_id for a in daftar}
    if not ids:
        return
    sumber = sumber_isian(
        Aktivitas.objects.filter(_menunggu_saya(user), status=A.MENUNGGU, pegawai_id__in=ids)
    )
    kuasa = kuasa_berlaku_dari(sorted(ids))
    for a in daftar:
        a.pegawai.sumber = sumber.get(a.pegawai_id)
        a.pegawai.kuasa = kuasa.get(a.pegawai_id, [])


def pegawai_antrean(user) -> QuerySet[Pegawai]:
    """The pegawai who have activities waiting for this user (the queue's filter choices)."""
    menunggu = Aktivitas.objects.filter(_menunggu_saya(user), status=A.MENUNGGU).values(
        "pegawai_id"
    )
    return Pegawai.objects.filter(pk__in=menunggu).order_by("nama", "pk")


def aktivitas_untuk_tinjau(user) -> QuerySet[Aktivitas]:
    """Activities an approve/return action may name: those the user may see (a foreign id
    answers 404); whether he may act on one is the service's call (403)."""
    return aktivitas_terlihat(user).prefetch_related("bukti")


def is_penilai_pada(user, pegawai: Pegawai, tanggal: dt.date) -> bool:
    penilai = rantai_penilai(pegawai, tanggal).pejabat_penilai
    return penilai is not None and penilai.pegawai is not None and penilai.pegawai.pk == user.pk


def get_aktivitas_tinjau(user, pk: int) -> Aktivitas:
    """One activity for an approve/return action: one the user may see, or one whose
    pejabat penilai on its date he is although the stored penilai is someone else (a Plt
    appointed after the entry).  Anything else answers 404."""
    a = aktivitas_untuk_tinjau(user).filter(pk=pk).first()
    if a is None:
        a = Aktivitas.objects.select_related("pegawai", "rhk", "diisi_oleh").filter(pk=pk).first()
        if a is None or not is_penilai_pada(user, a.pegawai, a.tanggal):
            raise Http404
    return a


def jumlah_antrean(user) -> dict[str, int]:
    return {
        "aktivitas": Aktivitas.objects.filter(penilai=user, status=A.MENUNGGU).count(),
        "realisasi": RealisasiBulanan.objects.filter(penilai=user, status=R.DIAJUKAN).count(),
    }


# --- realisation --------------------------------------------------------------------------
def _realisasi_lengkap(qs: QuerySet[RealisasiBulanan]) -> QuerySet[RealisasiBulanan]:
    return qs.select_related("skp__pegawai", "indikator__rhk", "penilai", "diisi_oleh")


def antrean_realisasi(user, *, pegawai_id: int | None = None) -> QuerySet[RealisasiBulanan]:
    """Submitted realisations waiting for this user, by pegawai and month, oldest first."""
    cond = Q(penilai=user)
    if peran(user).is_admin and user.instansi_id:
        cond |= Q(penilai__isnull=True, skp__pegawai__instansi_id=user.instansi_id)
    qs = RealisasiBulanan.objects.filter(cond, status=R.DIAJUKAN)
    if pegawai_id:
        qs = qs.filter(skp__pegawai_id=pegawai_id)
    return _realisasi_lengkap(qs).order_by(
        "skp__pegawai__nama",
        "skp__pegawai_id",
        "tahun",
        "bulan",
        "indikator__rhk__urutan",
        "indikator__rhk_id",
        "indikator__urutan",
        "pk",
    )


def realisasi_untuk_tinjau(user) -> QuerySet[RealisasiBulanan]:
    """Realisations an approve/return action may name (foreign id: 404)."""
    qs = _realisasi_lengkap(RealisasiBulanan.objects.all())
    if user.is_superuser:
        return qs
    return qs.filter(Q(skp__pegawai__in=pegawai_terlihat(user).values("pk")) | Q(penilai=user))


def get_realisasi_tinjau(user, pk: int) -> RealisasiBulanan:
    """One realisation row for an action: one the user may see, or one whose pejabat penilai
    on the month's last day he is (see :func:`get_aktivitas_tinjau`); else 404."""
    r = realisasi_untuk_tinjau(user).filter(pk=pk).first()
    if r is None:
        r = _realisasi_lengkap(RealisasiBulanan.objects.filter(pk=pk)).first()
        akhir = rules.rentang_bulan(r.tahun, r.bulan)[1] if r else None
        if r is None or not is_penilai_pada(user, r.skp.pegawai, akhir):
            raise Http404
    return r


def realisasi_bulan(pegawai: Pegawai, tahun: int, bulan: int) -> QuerySet[RealisasiBulanan]:
    """A pegawai's realisation rows of one month, in the order of his SKP."""
    qs = RealisasiBulanan.objects.filter(skp__pegawai=pegawai, tahun=tahun, bulan=bulan)
    qs = qs.prefetch_related(bukti_dengan_pengunggah())
    return _realisasi_lengkap(qs).order_by(
        "skp__mulai",
        "indikator__rhk__jenis",
        "indikator__rhk__urutan",
        "indikator__rhk_id",
        "indikator__urutan",
        "indikator_id",
    )


def indikator_skp(skp_ids: list[int]) -> QuerySet[IndikatorKinerja]:
    return (
        IndikatorKinerja.objects.filter(rhk__skp_id__in=skp_ids)
        .select_related("rhk__skp")
        .order_by("rhk__skp__mulai", "rhk__jenis", "rhk__urutan", "rhk_id", "urutan", "pk")
    )


@dataclass
class RingkasanRhk:
    """What a pegawai did for one RHK in a month, from his activities."""

    jumlah: int = 0
    # unit (trimmed, lower case, so "Laporan" and "laporan " add up) → total output
    output: dict[str, Decimal] = field(default_factory=dict)
    uraian: list[str] = field(default_factory=list)

    def total_satuan(self, satuan: str) -> Decimal | None:
        return self.output.get(satuan.strip().lower())


def ringkasan_aktivitas_bulan(pegawai: Pegawai, tahun: int, bulan: int) -> dict[int, RingkasanRhk]:
    """Per RHK: number of activities, total output per unit, the first descriptions.

    Returned activities are left out (they wait for correction).  Two queries on the
    (pegawai, tanggal) index, whatever the number of RHK.
    """
    awal, akhir = rules.rentang_bulan(tahun, bulan)
    qs = Aktivitas.objects.filter(
        pegawai=pegawai, tanggal__range=(awal, akhir), rhk__isnull=False
    ).exclude(status=A.DIKEMBALIKAN)
    hasil: dict[int, RingkasanRhk] = defaultdict(RingkasanRhk)
    per_satuan = (
        qs.annotate(kunci_satuan=Lower(Trim("satuan_output")))
        .values("rhk_id", "kunci_satuan")
        .annotate(n=Count("pk"), total=Sum("jumlah_output"))
        .order_by("rhk_id", "kunci_satuan")
    )
    for b in per_satuan:
        r = hasil[b["rhk_id"]]
        r.jumlah += b["n"]
        r.output[b["kunci_satuan"]] = b["total"] or Decimal(0)
    for rhk_id, uraian in qs.order_by("tanggal", "jam_mulai", "pk").values_list("rhk_id", "uraian"):
        r = hasil[rhk_id]
        teks = " ".join(uraian.split())
        if len(r.uraian) < URAIAN_CONTOH and teks not in r.uraian:
            r.uraian.append(teks)
    return dict(hasil)


# --- feedback -----------------------------------------------------------------------------
def get_rhk(pk: int) -> RencanaHasilKerja | None:
    """The RHK a feedback URL names (the caller checks the right and answers 404)."""
    return (
        RencanaHasilKerja.objects.select_related("skp__pegawai", "skp__periode")
        .prefetch_related("indikator")
        .filter(pk=pk)
        .first()
    )


def utas_umpan_balik(rhk: RencanaHasilKerja, tahun: int, bulan: int) -> QuerySet[UmpanBalik]:
    return (
        UmpanBalik.objects.filter(rhk=rhk, tahun=tahun, bulan=bulan)
        .select_related("penulis")
        .order_by("dibuat_pada", "pk")
    )


def jumlah_umpan_balik(rhk_ids: list[int], tahun: int, bulan: int) -> dict[int, int]:
    """Messages per RHK in a month (one query), for the links on the realisation page."""
    baris = (
        UmpanBalik.objects.filter(rhk_id__in=rhk_ids, tahun=tahun, bulan=bulan)
        .values("rhk_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {b["rhk_id"]: b["n"] for b in baris}


def realisasi_diajukan_sebulan(realisasi: RealisasiBulanan) -> list[int]:
    """Ids of the submitted rows of the same pegawai and month (to review a month at once)."""
    return list(
        RealisasiBulanan.objects.filter(
            skp__pegawai_id=realisasi.skp.pegawai_id,
            tahun=realisasi.tahun,
            bulan=realisasi.bulan,
            status=R.DIAJUKAN,
        ).values_list("pk", flat=True)
    )
