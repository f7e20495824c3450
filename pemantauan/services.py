"""Building the summary tables from raw rows.

``bangun_ringkasan`` recomputes (pegawai, month) rows of a year from ``Aktivitas`` and
``RealisasiBulanan`` with one GROUP BY per batch of pegawai and table; ``perbarui_ringkasan``
is the incremental update run by Celery beat every few minutes: it reads the ``Riwayat`` rows
written since its watermark (the execution and SKP actions name the pegawai concerned as
``subjek``) and rebuilds only those pegawai; on a new day it also rebuilds the running and
the previous month for everybody (the number of workdays so far and the realisation
deadline move with the date).  Nothing else writes these tables; no other app imports this
one (the dependency rule), so they are kept from here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, F, IntegerField, Max, Min, Q, Sum
from django.db.models.functions import ExtractHour, ExtractMinute
from django.utils import timezone

from aktivitas import rules as aturan_aktivitas
from aktivitas.models import Aktivitas, PengaturanKinerja, RealisasiBulanan
from inti.cache_versi import berubah
from kalender.models import HariLibur
from kalender.rules import is_hari_kerja
from kalender.selectors import hari_gangguan
from pegawai.models import Pegawai, Riwayat
from skp.models import Skp
from skp.services import penyusunan as skp_services

from .models import RingkasanPegawaiBulan, RingkasanUnit, TandaRingkasan
from .selectors.dasbor import VERSI_RINGKASAN

A = Aktivitas.Status
R = RingkasanPegawaiBulan.Realisasi
UKURAN_BATCH = 1000
# The actions whose subjek's summaries change (aktivitas/riwayat.py, skp/riwayat.py).
AKSI_DIPANTAU = ("aktivitas.", "realisasi.", "skp.")
TANDA = "ringkasan"


def _menit(kolom: str):
    return ExtractHour(kolom) * 60 + ExtractMinute(kolom)


def bulan_berjalan(tahun: int, hari_ini: dt.date) -> list[int]:
    """The months of ``tahun`` that have started by ``hari_ini``."""
    if tahun > hari_ini.year:
        return []
    return list(range(1, 13 if tahun < hari_ini.year else hari_ini.month + 1))


def _libur_per_instansi(tahun: int) -> tuple[set[dt.date], dict[int, set[dt.date]]]:
    nasional: set[dt.date] = set()
    sendiri: dict[int, set[dt.date]] = defaultdict(set)
    for tanggal, instansi_id in HariLibur.objects.filter(tanggal__year=tahun).values_list(
        "tanggal", "instansi_id"
    ):
        (nasional if instansi_id is None else sendiri[instansi_id]).add(tanggal)
    return nasional, sendiri


def _pegawai_dipantau(instansi_id: int | None, pegawai_ids: Iterable[int] | None):
    qs = Pegawai.objects.filter(
        unit_kerja__isnull=False,
        instansi__isnull=False,
        status__in=Pegawai.STATUS_BOLEH_MASUK,
    )
    if instansi_id is not None:
        qs = qs.filter(instansi_id=instansi_id)
    if pegawai_ids is not None:
        qs = qs.filter(pk__in=list(pegawai_ids))
    return qs


def bangun_ringkasan(
    tahun: int,
    *,
    instansi_id: int | None = None,
    pegawai_ids: Iterable[int] | None = None,
    bulan: Iterable[int] | None = None,
    hari_ini: dt.date | None = None,
    ukuran_batch: int = UKURAN_BATCH,
) -> int:
    """Recompute the rows of ``tahun`` (all months started, or ``bulan``) for the pegawai
    chosen (all who may log in and have a unit, or ``pegawai_ids``).  Returns the number of
    rows written.  Idempotent: rows are replaced, batch by batch, each in a transaction."""
    hari_ini = hari_ini or skp_services.hari_ini()
    daftar_bulan = sorted(set(bulan or bulan_berjalan(tahun, hari_ini)) & set(range(1, 13)))
    daftar_bulan = [b for b in daftar_bulan if dt.date(tahun, b, 1) <= hari_ini]
    pegawai = list(
        _pegawai_dipantau(instansi_id, pegawai_ids)
        .order_by("pk")
        .values_list("pk", "instansi_id", "unit_kerja_id", "unit_kerja__path")
    )
    sasaran = RingkasanPegawaiBulan.objects.filter(tahun=tahun)
    # The units whose unit rows must follow: those of the pegawai rebuilt, now and before.
    unit_disentuh: set[str] | None = None
    if pegawai_ids is not None:
        unit_disentuh = {p[3] for p in pegawai} | set(
            sasaran.filter(pegawai_id__in=list(pegawai_ids))
            .values_list("unit_path", flat=True)
            .distinct()
        )
        # Pegawai who left (retired, no unit) lose their rows.
        sasaran.filter(pegawai_id__in=list(pegawai_ids)).exclude(
            pegawai_id__in=[p[0] for p in pegawai]
        ).delete()
    elif instansi_id is not None:
        sasaran.filter(instansi_id=instansi_id).exclude(
            pegawai__in=_pegawai_dipantau(instansi_id, None)
        ).delete()
    else:
        sasaran.exclude(pegawai__in=_pegawai_dipantau(None, None)).delete()
    if not daftar_bulan or not pegawai:
        bangun_ringkasan_unit(tahun, instansi_id=instansi_id, unit_path=unit_disentuh)
        return 0
    nasional, sendiri = _libur_per_instansi(tahun)
    batas_tanggal = dict(
        PengaturanKinerja.objects.values_list("instansi_id", "batas_tanggal_realisasi")
    )
    jumlah = 0
    for i in range(0, len(pegawai), ukuran_batch):
        jumlah += _bangun_batch(
            pegawai[i : i + ukuran_batch],
            tahun,
            daftar_bulan,
            hari_ini,
            nasional,
            sendiri,
            batas_tanggal,
        )
    bangun_ringkasan_unit(tahun, instansi_id=instansi_id, unit_path=unit_disentuh)
    if pegawai_ids is None and connection.vendor == "postgresql":
        # A full rebuild replaces the table's rows: fresh statistics let the planner hash
        # the dashboard's GROUP BY instead of sorting on disk (measured: 206 → 85 ms).
        with connection.cursor() as cur:
            cur.execute(f"ANALYZE {RingkasanPegawaiBulan._meta.db_table}")  # noqa: S608
    return jumlah


def _bangun_batch(pegawai, tahun, daftar_bulan, hari_ini, nasional, sendiri, batas_tanggal):
    ids = [p[0] for p in pegawai]
    awal = dt.date(tahun, daftar_bulan[0], 1)
    akhir = min(aturan_aktivitas.rentang_bulan(tahun, daftar_bulan[-1])[1], hari_ini)
    # 1. activities per pegawai and day (one GROUP BY, read through the (pegawai, tanggal)
    #    index); months are folded in Python so that missing days can be listed.
    harian = (
        Aktivitas.objects.filter(pegawai_id__in=ids, tanggal__range=(awal, akhir))
        .values("pegawai_id", "tanggal")
        .annotate(
            jumlah=Count("pk"),
            menit=Sum(_menit("jam_selesai") - _menit("jam_mulai"), output_field=IntegerField()),
            menunggu=Count("pk", filter=Q(status=A.MENUNGGU)),
            disetujui=Count("pk", filter=Q(status=A.DISETUJUI)),
            dikembalikan=Count("pk", filter=Q(status=A.DIKEMBALIKAN)),
            terlambat=Count("pk", filter=Q(terlambat=True)),
            diisi_operator=Count(
                "pk", filter=Q(kuasa__isnull=True) & ~Q(diisi_oleh_id=F("pegawai_id"))
            ),
            diisi_kuasa=Count("pk", filter=Q(kuasa__isnull=False)),
            di_luar_skp=Count("pk", filter=Q(rhk__isnull=True)),
        )
        .order_by()
    )
    per_hari: dict[tuple[int, int], dict[dt.date, dict]] = defaultdict(dict)
    for b in harian:
        per_hari[(b["pegawai_id"], b["tanggal"].month)][b["tanggal"]] = b
    # 2. realisation per pegawai and month.
    realisasi = {
        (r["skp__pegawai_id"], r["bulan"]): r
        for r in RealisasiBulanan.objects.filter(
            skp__pegawai_id__in=ids, tahun=tahun, bulan__in=daftar_bulan
        )
        .values("skp__pegawai_id", "bulan")
        .annotate(
            diajukan=Count("pk", filter=Q(diajukan_pada__isnull=False)),
            telat=Count("pk", filter=Q(diajukan_pada__isnull=False, terlambat=True)),
            pertama=Min("diajukan_pada"),
        )
        .order_by()
    }
    # 3. the SKPs ever ditetapkan (a replaced version was ditetapkan too): realisation is due.
    skp: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for pid, mulai, selesai in Skp.objects.filter(
        pegawai_id__in=ids,
        status__in=(Skp.Status.DITETAPKAN, Skp.Status.DIGANTIKAN),
        mulai__lte=akhir,
        selesai__gte=awal,
    ).values_list("pegawai_id", "mulai", "selesai"):
        skp[pid].append((mulai, selesai))

    kalender = {}
    baris = []
    for pid, instansi_id, unit_id, unit_path in pegawai:
        for bulan in daftar_bulan:
            kunci_kal = (instansi_id, bulan)
            if kunci_kal not in kalender:
                libur = nasional | sendiri.get(instansi_id, set())
                m_awal, m_akhir = aturan_aktivitas.rentang_bulan(tahun, bulan)
                hari = []
                t = m_awal
                while t <= min(m_akhir, hari_ini):
                    if is_hari_kerja(t, libur):
                        hari.append(t)
                    t += dt.timedelta(days=1)
                batas = aturan_aktivitas.batas_realisasi(
                    tahun,
                    bulan,
                    batas_tanggal.get(instansi_id, aturan_aktivitas.BATAS_TANGGAL_REALISASI),
                )
                # A declared outage moves the deadline (issue 16; cached with the holidays).
                gangguan = hari_gangguan(instansi_id, m_awal, batas + dt.timedelta(days=124))
                if gangguan:
                    batas = aturan_aktivitas.geser_batas_realisasi(
                        tahun, bulan, batas, libur, gangguan
                    )
                kalender[kunci_kal] = (hari, m_awal, m_akhir, batas)
            hari_kerja, m_awal, m_akhir, batas = kalender[kunci_kal]
            hari = per_hari.get((pid, bulan), {})
            kosong = [t.day for t in hari_kerja if t not in hari]
            status, telat = _status_realisasi(
                realisasi.get((pid, bulan)),
                any(m <= m_akhir and s >= m_awal for m, s in skp.get(pid, ())),
                batas,
                hari_ini,
            )
            baris.append(
                RingkasanPegawaiBulan(
                    pegawai_id=pid,
                    instansi_id=instansi_id,
                    unit_id=unit_id,
                    unit_path=unit_path,
                    tahun=tahun,
                    bulan=bulan,
                    hari_kerja=len(hari_kerja),
                    hari_berisi=len(hari_kerja) - len(kosong),
                    hari_kosong=",".join(map(str, kosong)),
                    jumlah_aktivitas=sum(h["jumlah"] for h in hari.values()),
                    menit=sum(h["menit"] or 0 for h in hari.values()),
                    menunggu=sum(h["menunggu"] for h in hari.values()),
                    disetujui=sum(h["disetujui"] for h in hari.values()),
                    dikembalikan=sum(h["dikembalikan"] for h in hari.values()),
                    terlambat=sum(h["terlambat"] for h in hari.values()),
                    diisi_operator=sum(h["diisi_operator"] for h in hari.values()),
                    diisi_kuasa=sum(h["diisi_kuasa"] for h in hari.values()),
                    di_luar_skp=sum(h["di_luar_skp"] for h in hari.values()),
                    realisasi=status,
                    realisasi_hari_telat=telat,
                )
            )
    with transaction.atomic():
        RingkasanPegawaiBulan.objects.filter(
            pegawai_id__in=ids, tahun=tahun, bulan__in=daftar_bulan
        ).delete()
        RingkasanPegawaiBulan.objects.bulk_create(baris, batch_size=2000)
    return len(baris)


_JUMLAH_UNIT = (
    "hari_kerja",
    "hari_berisi",
    "jumlah_aktivitas",
    "menit",
    "menunggu",
    "disetujui",
    "dikembalikan",
    "terlambat",
    "diisi_operator",
    "diisi_kuasa",
    "di_luar_skp",
)
_STATUS_UNIT = {
    R.TEPAT: "realisasi_tepat",
    R.TERLAMBAT: "realisasi_terlambat",
    R.BELUM: "realisasi_belum",
}


def _rentang_bulan(bulan: int) -> tuple[int, int, int]:
    """The unit rows a month adds to: its own, its quarter's, the year's."""
    return bulan, RingkasanUnit.rentang_triwulan((bulan - 1) // 3 + 1), RingkasanUnit.TAHUN


def bangun_ringkasan_unit(
    tahun: int, *, instansi_id: int | None = None, unit_path: Iterable[str] | None = None
) -> int:
    """Recompute the unit rows of ``tahun`` (every unit of the instansi — or of all — or only
    ``unit_path``) from the per-pegawai rows: one read, added up here, replaced in one
    transaction.  Returns the number of unit rows written."""
    sumber = RingkasanPegawaiBulan.objects.filter(tahun=tahun)
    sasaran = RingkasanUnit.objects.filter(tahun=tahun)
    if unit_path is not None:
        unit_path = list(unit_path)
        if not unit_path:
            return 0
        sumber, sasaran = (
            sumber.filter(unit_path__in=unit_path),
            sasaran.filter(unit_path__in=unit_path),
        )
    elif instansi_id is not None:
        sumber = sumber.filter(instansi_id=instansi_id)
        sasaran = sasaran.filter(instansi_id=instansi_id)
    kolom = ("pegawai_id", "instansi_id", "unit_path", "bulan", "realisasi", *_JUMLAH_UNIT)
    baris: dict[tuple[str, int], RingkasanUnit] = {}
    pegawai: dict[tuple[str, int], set[int]] = defaultdict(set)
    kosong: dict[tuple[str, int], set[int]] = defaultdict(set)
    for r in sumber.values(*kolom).iterator(chunk_size=5000):
        for rentang in _rentang_bulan(r["bulan"]):
            kunci = (r["unit_path"], rentang)
            u = baris.get(kunci)
            if u is None:
                u = baris[kunci] = RingkasanUnit(
                    instansi_id=r["instansi_id"],
                    unit_path=r["unit_path"],
                    tahun=tahun,
                    rentang=rentang,
                )
            for k in _JUMLAH_UNIT:
                setattr(u, k, getattr(u, k) + (r[k] or 0))
            status = _STATUS_UNIT.get(r["realisasi"])
            if status:
                setattr(u, status, getattr(u, status) + 1)
            pegawai[kunci].add(r["pegawai_id"])
            if r["hari_berisi"] < r["hari_kerja"]:
                kosong[kunci].add(r["pegawai_id"])
    for kunci, u in baris.items():
        u.pegawai = len(pegawai[kunci])
        u.pegawai_hari_kosong = len(kosong[kunci])
    with transaction.atomic():
        sasaran.delete()
        RingkasanUnit.objects.bulk_create(baris.values(), batch_size=2000)
    berubah(VERSI_RINGKASAN)  # the dashboard bodies rendered from the old rows
    return len(baris)


def _status_realisasi(r: dict | None, wajib: bool, batas: dt.date, hari_ini: dt.date):
    """(status, days late) of one pegawai's realisation of one month."""
    if r and r["diajukan"]:
        if r["telat"]:
            dikirim = timezone.localdate(r["pertama"])
            return R.TERLAMBAT, max(0, (dikirim - batas).days)
        return R.TEPAT, 0
    if not wajib:
        return R.TIDAK_WAJIB, 0
    if hari_ini > batas:
        return R.BELUM, (hari_ini - batas).days
    return R.BELUM_JATUH_TEMPO, 0


def _tahun_dari(data: dict, hari_ini: dt.date) -> set[int]:
    tahun = set()
    if isinstance(data, dict):
        if isinstance(data.get("tahun"), int):
            tahun.add(data["tahun"])
        if isinstance(data.get("tanggal"), str) and len(data["tanggal"]) >= 4:
            with contextlib.suppress(ValueError):
                tahun.add(int(data["tanggal"][:4]))
    return {t for t in tahun if t <= hari_ini.year}


def perbarui_ringkasan(hari_ini: dt.date | None = None) -> dict[str, int]:
    """The incremental update (idempotent: a second run with nothing new writes nothing)."""
    hari_ini = hari_ini or skp_services.hari_ini()
    with transaction.atomic():
        tanda, baru = TandaRingkasan.objects.select_for_update().get_or_create(nama=TANDA)
        maks = Riwayat.objects.aggregate(m=Max("pk"))["m"] or 0
        hasil = {"pegawai": 0, "baris": 0}
        if baru or tanda.tanggal is None:
            # First run: everything of the running year.
            hasil["baris"] = bangun_ringkasan(hari_ini.year, hari_ini=hari_ini)
        else:
            if tanda.tanggal != hari_ini:
                # A new day: the running month's workdays and last month's deadline moved.
                kemarin_bulan = hari_ini.replace(day=1) - dt.timedelta(days=1)
                for tahun, bulan in {
                    (hari_ini.year, hari_ini.month),
                    (kemarin_bulan.year, kemarin_bulan.month),
                }:
                    hasil["baris"] += bangun_ringkasan(tahun, bulan=[bulan], hari_ini=hari_ini)
            saring = Q()
            for awalan in AKSI_DIPANTAU:
                saring |= Q(aksi__startswith=awalan)
            per_tahun: dict[int, set[int]] = defaultdict(set)
            for subjek_id, data in (
                Riwayat.objects.filter(saring, pk__gt=tanda.riwayat_id, pk__lte=maks)
                .exclude(subjek__isnull=True)
                .values_list("subjek_id", "data")
            ):
                for tahun in {hari_ini.year} | _tahun_dari(data, hari_ini):
                    per_tahun[tahun].add(subjek_id)
            for tahun, ids in per_tahun.items():
                hasil["pegawai"] += len(ids)
                hasil["baris"] += bangun_ringkasan(tahun, pegawai_ids=ids, hari_ini=hari_ini)
        tanda.riwayat_id, tanda.tanggal = maks, hari_ini
        tanda.save(update_fields=["riwayat_id", "tanggal", "diperbarui_pada"])
    return hasil
