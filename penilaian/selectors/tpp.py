"""Reads of the follow-up pages (TPP recap, angka kredit recap, SIASN export), scoped to what
the user may manage, in a fixed number of queries whatever the number of pegawai."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.timezone import localdate

from aktivitas.models import RealisasiBulanan
from aktivitas.selectors.gangguan import BatasRealisasi, batas_realisasi
from pegawai.models import Jabatan, Pegawai, Penugasan, UnitKerja
from pegawai.permissions import peran
from pegawai.selectors.organisasi import unit_terlihat
from penilaian import rules_tindak_lanjut as r
from penilaian.models import BesaranTpp, Kehadiran, PengaturanTpp, Penilaian
from penilaian.rules import JenisPeriode


# --- rights -------------------------------------------------------------------------------
def boleh_rekap(user) -> bool:
    p = peran(user)
    return p.is_admin or p.is_operator


def unit_rekap(user) -> QuerySet[UnitKerja]:
    """Units whose recap the user may see: admin any of his instansi, operator his units and
    their sub-units; nobody else (403)."""
    if not boleh_rekap(user):
        raise PermissionDenied
    return unit_terlihat(user).filter(aktif=True).order_by("path")


def get_unit_rekap(user, pk: int) -> UnitKerja:
    return get_object_or_404(unit_rekap(user), pk=pk)


def pegawai_kelola_tpp(user) -> QuerySet[Pegawai]:
    """Pegawai whose attendance the user may import: admin his instansi, operator his units."""
    if not boleh_rekap(user):
        raise PermissionDenied
    if user.is_superuser:
        return Pegawai.objects.all()
    p = peran(user)
    if p.is_admin:
        return Pegawai.objects.filter(instansi_id=user.instansi_id)
    cond = Q(pk__in=[])
    for _id, path in p.unit_operator:
        cond |= Q(unit_kerja__path__startswith=path)
    return Pegawai.objects.filter(cond)


def formula(instansi_id: int) -> r.FormulaTpp:
    p = PengaturanTpp.objects.filter(instansi_id=instansi_id).first()
    return r.FormulaTpp.dari_pengaturan(p) if p else r.FormulaTpp()


# --- TPP recap ----------------------------------------------------------------------------
@dataclass
class BarisTpp:
    pegawai: Pegawai
    kelas_jabatan: int | None
    dasar: Decimal | None  # None: no BesaranTpp for the kelas
    predikat: str
    realisasi_tepat_waktu: bool
    persen_realisasi: Decimal | None
    kehadiran: Kehadiran | None
    rincian: r.RincianTpp


@dataclass
class RekapTpp:
    unit: UnitKerja
    tahun: int
    bulan: int
    baris: list[BarisTpp]
    formula: r.FormulaTpp
    batas: BatasRealisasi | None = None  # the month's realisation deadline (issue 16)

    @property
    def jumlah_dasar(self) -> Decimal:
        return sum((b.dasar or Decimal(0) for b in self.baris), Decimal(0))

    @property
    def jumlah_kinerja(self) -> Decimal:
        return sum((b.rincian.kinerja for b in self.baris), Decimal(0))

    @property
    def jumlah_disiplin(self) -> Decimal:
        return sum((b.rincian.disiplin for b in self.baris), Decimal(0))

    @property
    def jumlah_total(self) -> Decimal:
        return sum((b.rincian.total for b in self.baris), Decimal(0))


def _akhir_bulan(tahun: int, bulan: int) -> dt.date:
    return dt.date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def _penugasan_bulan(awal: dt.date, akhir: dt.date) -> QuerySet[Penugasan]:
    """Definitif penugasan overlapping the month (the latest first)."""
    return (
        Penugasan.objects.filter(
            pegawai=OuterRef("pk"), jenis=Penugasan.Jenis.DEFINITIF, mulai__lte=akhir
        )
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=awal))
        .order_by("-mulai", "-pk")
    )


def _aktif_bulan(qs: QuerySet[Pegawai], awal: dt.date, akhir: dt.date) -> QuerySet[Pegawai]:
    """Pegawai who held a definitif jabatan at some day of the month, with its kelas."""
    definitif = _penugasan_bulan(awal, akhir)
    return qs.filter(Exists(definitif)).annotate(
        kelas=Subquery(definitif.values("jabatan__kelas_jabatan")[:1]),
        jabatan_nama=Subquery(definitif.values("jabatan__nama")[:1]),
    )


def _tepat_waktu(real: dict, batas: BatasRealisasi) -> bool:
    if not real["terlambat"]:
        return True
    terakhir = real["terlambat_terakhir"]
    return batas.bergeser and terakhir is not None and localdate(terakhir) <= batas.berlaku


def rekap_tpp(
    unit: UnitKerja, tahun: int, bulan: int, *, pegawai_id: int | None = None
) -> RekapTpp:
    """One row per pegawai of the unit tree who held a definitif jabatan during the month
    (so someone who retired on the 15th is still paid for that month): 6 queries in all.
    With ``pegawai_id``, only that pegawai's row (none when he is not in the recap)."""
    awal, akhir = dt.date(tahun, bulan, 1), _akhir_bulan(tahun, bulan)
    qs = Pegawai.objects.select_related("unit_kerja").filter(unit_kerja__path__startswith=unit.path)
    if pegawai_id is not None:
        qs = qs.filter(pk=pegawai_id)
    pegawai = list(_aktif_bulan(qs, awal, akhir).order_by("unit_kerja__path", "nama", "pk"))
    ids = [p.pk for p in pegawai]
    f = formula(unit.instansi_id)
    besaran = dict(
        BesaranTpp.objects.filter(instansi_id=unit.instansi_id).values_list(
            "kelas_jabatan", "jumlah"
        )
    )
    predikat: dict[int, str] = {}
    for pid, nilai in (
        Penilaian.objects.filter(
            pegawai_id__in=ids,
            status=Penilaian.Status.FINAL,
            periode_penilaian__mulai__lte=akhir,
            periode_penilaian__selesai__gte=awal,
        )
        .exclude(periode_penilaian__jenis=JenisPeriode.TAHUNAN)
        .order_by("periode_penilaian__mulai", "pk")
        .values_list("pegawai_id", "predikat")
    ):
        predikat[pid] = nilai  # the latest window wins
    realisasi = {
        row["skp__pegawai_id"]: row
        for row in RealisasiBulanan.objects.filter(
            skp__pegawai_id__in=ids, tahun=tahun, bulan=bulan
        )
        .values("skp__pegawai_id")
        .annotate(
            semua=Count("pk"),
            diajukan=Count("pk", filter=Q(diajukan_pada__isnull=False)),
            # Before ``terlambat``: once annotated, that name means the count, not the field.
            terlambat_terakhir=Max("diajukan_pada", filter=Q(terlambat=True)),
            terlambat=Count("pk", filter=Q(terlambat=True)),
            disetujui=Count("pk", filter=Q(status=RealisasiBulanan.Status.DISETUJUI)),
        )
    }
    # A declared outage moves the month's deadline (issue 16): a submission flagged late
    # before the outage was declared is on time when it came by the moved deadline.
    batas = batas_realisasi(unit.instansi_id, tahun, bulan)
    kehadiran = {
        k.pegawai_id: k
        for k in Kehadiran.objects.filter(pegawai_id__in=ids, tahun=tahun, bulan=bulan)
    }
    baris = []
    for p in pegawai:
        dasar = besaran.get(p.kelas) if p.kelas else None
        real = realisasi.get(p.pk)
        tepat = bool(real and real["diajukan"]) and _tepat_waktu(real, batas)
        persen = (
            Decimal(real["disetujui"]) * 100 / Decimal(real["semua"])
            if real and real["semua"]
            else Decimal(0)
        )
        k = kehadiran.get(p.pk)
        masukan = r.MasukanTpp(
            dasar=dasar or Decimal(0),
            predikat=predikat.get(p.pk) or None,
            realisasi_tepat_waktu=tepat,
            persen_realisasi=persen,
            terlambat=k.terlambat if k else 0,
            pulang_cepat=k.pulang_cepat if k else 0,
            tanpa_keterangan=k.tanpa_keterangan if k else 0,
        )
        baris.append(
            BarisTpp(
                pegawai=p,
                kelas_jabatan=p.kelas,
                dasar=dasar,
                predikat=predikat.get(p.pk, ""),
                realisasi_tepat_waktu=tepat,
                persen_realisasi=persen,
                kehadiran=k,
                rincian=r.hitung_tpp(f, masukan),
            )
        )
    return RekapTpp(unit, tahun, bulan, baris, f, batas)


# --- angka kredit -------------------------------------------------------------------------
@dataclass
class BarisAngkaKredit:
    pegawai: Pegawai
    jabatan: Jabatan
    koefisien: Decimal | None
    bulan: int
    predikat: str
    rincian: r.Rincian | None  # None: no coefficient set for the jabatan


def _bulan_dalam_tahun(mulai: dt.date, selesai: dt.date | None, tahun: int) -> int:
    awal = max(mulai, dt.date(tahun, 1, 1))
    akhir = min(selesai or dt.date(tahun, 12, 31), dt.date(tahun, 12, 31))
    if akhir < awal:
        return 0
    return (akhir.year - awal.year) * 12 + akhir.month - awal.month + 1


def rekap_angka_kredit(user, tahun: int, unit: UnitKerja | None = None) -> list[BarisAngkaKredit]:
    """JF pegawai in the user's scope with a definitif JF penugasan in the year: 2 queries."""
    pegawai = pegawai_kelola_tpp(user)
    if unit is not None:
        pegawai = pegawai.filter(unit_kerja__path__startswith=unit.path)
    penugasan = list(
        Penugasan.objects.select_related(
            "pegawai__unit_kerja", "jabatan", "jabatan__koefisien_angka_kredit"
        )
        .filter(
            pegawai__in=pegawai.values("pk"),
            jenis=Penugasan.Jenis.DEFINITIF,
            jabatan__jenis=Jabatan.Jenis.FUNGSIONAL,
            mulai__lte=dt.date(tahun, 12, 31),
        )
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=dt.date(tahun, 1, 1)))
        .order_by("pegawai__nama", "pegawai_id", "-mulai")
    )
    predikat = dict(
        Penilaian.objects.filter(
            pegawai_id__in={t.pegawai_id for t in penugasan},
            status=Penilaian.Status.FINAL,
            periode_penilaian__jenis=JenisPeriode.TAHUNAN,
            periode_penilaian__periode__tahun=tahun,
        ).values_list("pegawai_id", "predikat")
    )
    hasil, dilihat = [], set()
    for t in penugasan:
        if t.pegawai_id in dilihat:
            continue  # the latest JF penugasan of the year
        dilihat.add(t.pegawai_id)
        koef = getattr(t.jabatan, "koefisien_angka_kredit", None)
        bulan = max(1, _bulan_dalam_tahun(t.mulai, t.selesai, tahun))
        pred = predikat.get(t.pegawai_id, "")
        hasil.append(
            BarisAngkaKredit(
                pegawai=t.pegawai,
                jabatan=t.jabatan,
                koefisien=koef.koefisien if koef else None,
                bulan=bulan,
                predikat=pred,
                rincian=r.angka_kredit(koef.koefisien, pred or None, bulan) if koef else None,
            )
        )
    return hasil


# --- SIASN --------------------------------------------------------------------------------
#: The columns of the SIASN upload of final predikat (the export page and the API).
KOLOM_SIASN = (
    "NIP",
    "Nama",
    "Jabatan",
    "Unit",
    "Tahun",
    "Periode mulai",
    "Periode selesai",
    "Rating hasil kerja",
    "Rating perilaku",
    "Predikat",
    "Kode predikat",
    "Tanggal final",
)


def baris_siasn(qs: QuerySet[Penilaian], tahun: int) -> list[list]:
    """The final ratings of ``qs`` (:func:`penilaian_siasn`) as rows of :data:`KOLOM_SIASN`."""
    return [
        [
            p.pegawai.nip,
            p.pegawai.nama,
            p.skp.jabatan.nama,
            p.unit.nama,
            tahun,
            p.periode_penilaian.mulai,
            p.periode_penilaian.selesai,
            p.get_rating_hasil_kerja_display(),
            p.get_rating_perilaku_display(),
            p.get_predikat_display(),
            p.predikat,
            timezone.localtime(p.difinalkan_pada).date() if p.difinalkan_pada else "",
        ]
        for p in qs.filter(status="final")
    ]


def penilaian_siasn(user, tahun: int, *, periodik: bool = False) -> QuerySet[Penilaian]:
    """All ratings of the year in the admin's instansi (annual, and periodic on request)."""
    if not peran(user).is_admin:
        raise PermissionDenied
    qs = Penilaian.objects.filter(periode_penilaian__periode__tahun=tahun)
    if not user.is_superuser:
        qs = qs.filter(periode_penilaian__periode__instansi_id=user.instansi_id)
    if not periodik:
        qs = qs.filter(periode_penilaian__jenis=JenisPeriode.TAHUNAN)
    return qs.select_related("pegawai", "unit", "skp__jabatan", "periode_penilaian").order_by(
        "pegawai__nip", "periode_penilaian__mulai", "pk"
    )
