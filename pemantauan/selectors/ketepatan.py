"""Timeliness of the penilai and the reviews waiting too long (issue 17 §3).

Three readers, one scope rule each:

- the dashboard's box and the timeliness table (``ketepatan``): the penilai of the units the
  user monitors (``dasbor.cakupan``: an admin his instansi, an operator his units, an
  atasan his subordinates);
- the atasan's page "bawahan Anda belum meninjau" (``eskalasi``): his own subordinates
  (``peran.bawahan_ids``) who, as penilai, let items wait beyond the second limit;
- the drill-down of one penilai (``rincian_penilai``): a penilai in either scope, else 404.

What is overdue, the median and the share are ``notifikasi.rules``; workdays come from the
instansi's calendar (``kalender.selectors.hari_libur``).  The numbers are grouped in the
database: a histogram of (penilai, submitted day, reviewed day) over the last
``HARI_KETEPATAN`` days is a few hundred rows per penilai at most, whatever the activity
count, and the page costs the same number of queries for 5 or 500 penilai.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from aktivitas.models import Aktivitas, RealisasiBulanan
from inti.kueri import hitung_sekaligus
from kalender.selectors import hari_libur
from notifikasi import rules
from notifikasi.selectors import (
    BatasTunda,
    aktivitas_menunggu,
    batas_tunda,
    jendela_lewat,
    realisasi_menunggu,
    skp_belum_dinilai,
)
from pegawai.models import Pegawai, UnitKerja
from pegawai.permissions import peran
from pemantauan.selectors.dasbor import Cakupan, _q

BATAS_RINCIAN = 25  # rows of realisations and ratings shown in a drill-down


def q_penilai(c: Cakupan, unit: UnitKerja | None) -> Q:
    """Items whose penilai the user monitors (on ``Aktivitas``, ``RealisasiBulanan``, ``Skp``)."""
    return _q(c, unit, "penilai__unit_kerja__path", "penilai_id", "penilai__instansi_id")


@dataclass(frozen=True)
class Tenggat:
    """The limits and the dates they put on today: submitted on or before ``terlambat`` is
    overdue, on or before ``eskalasi`` escalated."""

    batas: BatasTunda
    hari_ini: dt.date
    libur: frozenset[dt.date]
    terlambat: dt.date
    eskalasi: dt.date

    def hari_kerja(self, mulai: dt.date, selesai: dt.date | None = None) -> int:
        return rules.hari_kerja_antara(mulai, selesai or self.hari_ini, self.libur)

    def tingkat(self, sejak: dt.date) -> int:
        return rules.tingkat_tunda(self.hari_kerja(sejak), self.batas.penilai, self.batas.atasan)


def tenggat(instansi_id: int | None, hari_ini: dt.date) -> Tenggat:
    """Cached reads only (settings, holidays): no query on a warm cache."""
    batas = batas_tunda(instansi_id)
    libur = frozenset(hari_libur(instansi_id, hari_ini - dt.timedelta(days=400), hari_ini))
    return Tenggat(
        batas,
        hari_ini,
        libur,
        rules.tanggal_batas_tunda(hari_ini, batas.penilai, libur),
        rules.tanggal_batas_tunda(hari_ini, batas.penilai + batas.atasan, libur),
    )


# --- the dashboard's box ----------------------------------------------------------------------
@dataclass(frozen=True)
class KotakTertunda:
    terlambat: int  # items waiting beyond the first limit (escalated ones included)
    eskalasi: int  # of which beyond the second

    @property
    def ada(self) -> bool:
        return bool(self.terlambat)


def kotak_tertunda(q: Q, t: Tenggat, instansi_id: int | None) -> KotakTertunda:
    """Overdue and escalated activities, realisations and ratings in one query."""
    daftar = [
        aktivitas_menunggu(q).filter(dientri_pada__date__lte=t.terlambat),
        aktivitas_menunggu(q).filter(dientri_pada__date__lte=t.eskalasi),
        realisasi_menunggu(q).filter(diajukan_pada__date__lte=t.terlambat),
        realisasi_menunggu(q).filter(diajukan_pada__date__lte=t.eskalasi),
        skp_belum_dinilai(q, jendela_lewat(instansi_id, t.terlambat, t.hari_ini)),
        skp_belum_dinilai(q, jendela_lewat(instansi_id, t.eskalasi, t.hari_ini)),
    ]
    ada = [qs for qs in daftar if not qs.query.is_empty()]  # none() has no SQL to count
    hitung = dict(zip(map(id, ada), hitung_sekaligus(ada), strict=True))
    n = [hitung.get(id(qs), 0) for qs in daftar]
    return KotakTertunda(n[0] + n[2] + n[4], n[1] + n[3] + n[5])


# --- the timeliness table ---------------------------------------------------------------------
@dataclass
class BarisKetepatan:
    penilai: Pegawai
    ketepatan: rules.Ketepatan
    penilaian_lewat: int  # SKPs not rated after their window's deadline passed the limit

    @property
    def perlu_perhatian(self) -> bool:
        return bool(self.ketepatan.eskalasi or self.penilaian_lewat)


def _histogram(q: Q, t: Tenggat) -> tuple[dict[int, Counter], dict[int, Counter]]:
    """Per penilai: workdays each review took (reviewed in the window) and workdays each
    waiting item has waited — two grouped queries."""
    sejak = timezone.make_aware(
        dt.datetime.combine(t.hari_ini - dt.timedelta(days=rules.HARI_KETEPATAN), dt.time())
    )
    aktivitas = (
        Aktivitas.objects.filter(q)
        .filter(Q(status=Aktivitas.Status.MENUNGGU) | Q(ditinjau_pada__gte=sejak))
        .values_list("penilai_id", "status", TruncDate("dientri_pada"), TruncDate("ditinjau_pada"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    realisasi = (
        RealisasiBulanan.objects.filter(q, diajukan_pada__isnull=False)
        .filter(Q(status=RealisasiBulanan.Status.DIAJUKAN) | Q(ditinjau_pada__gte=sejak))
        .values_list("penilai_id", "status", TruncDate("diajukan_pada"), TruncDate("ditinjau_pada"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    menunggu_status = {Aktivitas.Status.MENUNGGU, RealisasiBulanan.Status.DIAJUKAN}
    selesai: dict[int, Counter] = defaultdict(Counter)
    menunggu: dict[int, Counter] = defaultdict(Counter)
    hari: dict[tuple, int] = {}  # workdays per (from, to): many rows share their dates
    for penilai_id, status, masuk, tinjau, n in [*aktivitas, *realisasi]:
        if penilai_id is None or masuk is None:
            continue
        if status in menunggu_status:
            kunci = (masuk, t.hari_ini)
            tujuan = menunggu
        elif tinjau is not None:
            kunci = (masuk, tinjau)
            tujuan = selesai
        else:
            continue
        if kunci not in hari:
            hari[kunci] = t.hari_kerja(*kunci)
        tujuan[penilai_id][hari[kunci]] += n
    return selesai, menunggu


def ketepatan(q: Q, t: Tenggat, instansi_id: int | None) -> list[BarisKetepatan]:
    """Every penilai in scope with something reviewed or waiting: his timeliness, those
    needing attention first (escalated, then the largest share overdue)."""
    selesai, menunggu = _histogram(q, t)
    penilaian_lewat = dict(
        skp_belum_dinilai(q, jendela_lewat(instansi_id, t.terlambat, t.hari_ini))
        .order_by()
        .values_list("penilai_id")
        .annotate(n=Count("pk", distinct=True))
    )
    ids = (set(selesai) | set(menunggu) | set(penilaian_lewat)) - {None}
    orang = Pegawai.objects.filter(pk__in=ids).select_related("unit_kerja").in_bulk()
    baris = [
        BarisKetepatan(
            orang[pk],
            rules.ketepatan(
                selesai.get(pk, {}), menunggu.get(pk, {}), t.batas.penilai, t.batas.atasan
            ),
            penilaian_lewat.get(pk, 0),
        )
        for pk in ids
        if pk in orang
    ]
    baris.sort(
        key=lambda b: (
            -b.ketepatan.eskalasi,
            -b.penilaian_lewat,
            -(b.ketepatan.persen_terlambat or 0),
            b.penilai.nama,
        )
    )
    return baris


def eskalasi(user, t: Tenggat) -> list[BarisKetepatan]:
    """The atasan's subordinates who let items wait beyond the second limit (or ratings
    past their deadline and the limit)."""
    bawahan = peran(user).bawahan_ids
    if not bawahan:
        return []
    baris = ketepatan(Q(penilai_id__in=bawahan), t, user.instansi_id)
    return [b for b in baris if b.perlu_perhatian]


# --- the drill-down of one penilai ------------------------------------------------------------
@dataclass
class ItemTertunda:
    jenis: str  # "aktivitas" | "realisasi" | "penilaian"
    pegawai: Pegawai
    keterangan: str
    sejak: dt.date
    hari: int
    tingkat: int


def penilai_terlihat(user, c: Cakupan | None, pk: int) -> Pegawai:
    """The penilai ``pk`` if it is the user himself, the user monitors him or is his atasan;
    404 otherwise."""
    if pk == user.pk or pk in peran(user).bawahan_ids:
        return Pegawai.objects.select_related("unit_kerja").get(pk=pk)
    if c is not None and c.per_unit:
        penilai = (
            Pegawai.objects.filter(_q(c, None, "unit_kerja__path", "pk", "instansi_id"), pk=pk)
            .select_related("unit_kerja")
            .first()
        )
        if penilai is not None:
            return penilai
    raise Http404


def aktivitas_penilai(penilai: Pegawai):
    """The penilai's waiting activities, oldest first (paginated by the view)."""
    return (
        aktivitas_menunggu(Q(penilai=penilai))
        .select_related("pegawai")
        .only("pk", "tanggal", "dientri_pada", "pegawai__nama", "pegawai__nip")
        .order_by("dientri_pada", "pk")
    )


def item_aktivitas(daftar, t: Tenggat) -> list[ItemTertunda]:
    hasil = []
    for a in daftar:
        sejak = timezone.localdate(a.dientri_pada)
        hasil.append(
            ItemTertunda(
                "aktivitas",
                a.pegawai,
                a.tanggal.strftime("%d-%m-%Y"),
                sejak,
                t.hari_kerja(sejak),
                t.tingkat(sejak),
            )
        )
    return hasil


def item_lain(penilai: Pegawai, t: Tenggat) -> list[ItemTertunda]:
    """The penilai's waiting realisations and his ratings past the deadline (two queries,
    ``BATAS_RINCIAN`` rows each at most)."""
    hasil = []
    for r in (
        realisasi_menunggu(Q(penilai=penilai))
        .select_related("skp__pegawai")
        .order_by("diajukan_pada", "pk")[:BATAS_RINCIAN]
    ):
        sejak = timezone.localdate(r.diajukan_pada)
        hasil.append(
            ItemTertunda(
                "realisasi",
                r.skp.pegawai,
                f"{r.bulan:02d}-{r.tahun}",
                sejak,
                t.hari_kerja(sejak),
                t.tingkat(sejak),
            )
        )
    jendela = jendela_lewat(penilai.instansi_id, t.terlambat, t.hari_ini)
    skp = (
        skp_belum_dinilai(Q(penilai=penilai), jendela)
        .select_related("pegawai")
        .order_by("pegawai__nama", "pk")[:BATAS_RINCIAN]
    )
    for s in skp:
        pp = next(
            (j for j in reversed(jendela) if j.periode_id == s.periode_id and j.mulai <= s.selesai),
            None,
        )
        if pp is None:
            continue
        hasil.append(
            ItemTertunda(
                "penilaian",
                s.pegawai,
                str(pp),
                pp.batas,
                t.hari_kerja(pp.batas),
                t.tingkat(pp.batas),
            )
        )
    return hasil
