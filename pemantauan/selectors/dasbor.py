"""Reads of the dashboards, scoped to the user.

Who sees what (decided here, once): an admin instansi the whole instansi (a superuser every
instansi), an operator the units he was given and their sub-units, an atasan his
subordinates of today (``peran.bawahan_ids``), nobody else (403).  A unit outside the
user's scope is 404, also for an operator asking for another unit of his own instansi.

Every number comes from the rollups ``RingkasanUnit`` / ``RingkasanPegawaiBulan`` (activities,
workdays, realisation) or from the per-pegawai tables of SKP, penilaian and keberatan, grouped
by unit in the database and cached per scope until one of them changes (:func:`angka_orang`):
a page costs the same number of queries for 20 or 40,000 pegawai, and a repeated visit does
not count the pegawai again.
"""

from __future__ import annotations

import hashlib
import statistics
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet, Sum, Value
from django.http import Http404
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from aktivitas.rules import PorsiDiLuarSkp, porsi_di_luar_skp
from aktivitas.selectors.kuasa import SumberIsian
from inti.cache_versi import ambil, versi
from pegawai.models import Pegawai, UnitKerja
from pegawai.permissions import peran
from pemantauan.models import RingkasanPegawaiBulan, RingkasanUnit
from penilaian.models import Keberatan, Penilaian, PeriodePenilaian, PredikatKinerjaOrganisasi
from penilaian.rules import LABEL_PREDIKAT, JenisPeriode, Predikat
from penilaian.selectors.kurva import anggota_kurva
from penilaian.selectors.nilai import skp_wajib_dinilai
from skp.models import Periode, Skp
from skp.services import penyusunan as skp_services
from skp.sinyal import VERSI_PERIODE as VERSI_PERIODE_SKP

R = RingkasanPegawaiBulan.Realisasi
P = Penilaian.Status
SELESAI_DINILAI = (P.DINILAI, P.FINAL)
# Monitored: those who may log in (a retired pegawai keeps his history, out of the numbers).
AKTIF = Pegawai.STATUS_BOLEH_MASUK
# Periods (skp.sinyal) and appraisal windows (pemantauan.sinyal): one version.
VERSI_PERIODE = VERSI_PERIODE_SKP
NAMA_BULAN = (
    "",
    gettext_lazy("Januari"),
    gettext_lazy("Februari"),
    gettext_lazy("Maret"),
    gettext_lazy("April"),
    gettext_lazy("Mei"),
    gettext_lazy("Juni"),
    gettext_lazy("Juli"),
    gettext_lazy("Agustus"),
    gettext_lazy("September"),
    gettext_lazy("Oktober"),
    gettext_lazy("November"),
    gettext_lazy("Desember"),
)


# --- scope ------------------------------------------------------------------------------------
@dataclass
class Cakupan:
    """What a user may monitor: units (and their sub-units) or, for an atasan, pegawai."""

    jenis: str  # "instansi" | "operator" | "atasan"
    instansi_id: int | None
    akar: list[UnitKerja] = field(default_factory=list)
    bawahan_ids: frozenset[int] = frozenset()

    @property
    def per_unit(self) -> bool:
        return self.jenis != "atasan"


def cakupan(user) -> Cakupan:
    p = peran(user)
    # The root units are read once and cached until the organisation changes.
    if p.is_admin:
        instansi_id = None if p.is_superuser else user.instansi_id
        return Cakupan(
            "instansi",
            user.instansi_id,
            ambil(
                "organisasi", f"akar-instansi:{instansi_id}", lambda: _akar_instansi(instansi_id)
            ),
        )
    if p.is_operator:
        paths = [path for _id, path in p.unit_operator]
        # Units given inside another given unit are not roots of their own.
        akar_path = [x for x in paths if not any(x != y and x.startswith(y) for y in paths)]
        akar = ambil(
            "organisasi",
            f"akar-operator:{user.pk}",
            lambda: list(UnitKerja.objects.filter(path__in=akar_path).order_by("nama")),
        )
        return Cakupan("operator", user.instansi_id, akar)
    if p.is_atasan:
        return Cakupan("atasan", user.instansi_id, bawahan_ids=frozenset(p.bawahan_ids))
    raise PermissionDenied(_("Dasbor pemantauan untuk operator, atasan dan admin instansi."))


def _akar_instansi(instansi_id: int | None) -> list[UnitKerja]:
    akar = UnitKerja.objects.filter(induk__isnull=True, aktif=True).order_by("nama")
    if instansi_id is not None:
        akar = akar.filter(instansi_id=instansi_id)
    return list(akar)


def unit_terlihat(c: Cakupan) -> QuerySet[UnitKerja]:
    if not c.per_unit or not c.akar:
        return UnitKerja.objects.none()
    q = Q()
    for u in c.akar:
        q |= Q(path__startswith=u.path)
    return UnitKerja.objects.filter(q)


def get_unit(c: Cakupan, pk: int | None) -> UnitKerja | None:
    if pk is None:
        return None
    unit = unit_terlihat(c).filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def _q(
    c: Cakupan, unit: UnitKerja | None, kolom_path: str, kolom_pegawai: str, kolom_instansi: str
) -> Q:
    """The filter of a table by scope: on a unit path column or on a pegawai id column (the
    whole instansi of an admin: on its indexed instansi column)."""
    if not c.per_unit:
        return Q(**{f"{kolom_pegawai}__in": c.bawahan_ids})
    if unit is None and c.jenis == "instansi" and c.instansi_id is not None:
        return Q(**{kolom_instansi: c.instansi_id})
    akar = [unit] if unit is not None else c.akar
    if not akar:
        return Q(pk__in=[])
    q = Q()
    for u in akar:
        q |= Q(**{f"{kolom_path}__startswith": u.path})
    return q


def q_ringkasan(c, unit) -> Q:
    return _q(c, unit, "unit_path", "pegawai_id", "instansi_id")


def q_pegawai(c, unit, awalan: str = "") -> Q:
    return _q(
        c,
        unit,
        f"{awalan}unit_kerja__path",
        f"{awalan}id" if awalan else "pk",
        f"{awalan}instansi_id",
    )


def pegawai_dipantau(c: Cakupan, unit) -> QuerySet[Pegawai]:
    return Pegawai.objects.filter(
        q_pegawai(c, unit), unit_kerja__isnull=False, status__in=Pegawai.STATUS_BOLEH_MASUK
    )


# --- the period filter ------------------------------------------------------------------------
@dataclass
class Saringan:
    tahun: int
    bulan: int | None = None
    triwulan: int | None = None

    @property
    def daftar_bulan(self) -> list[int]:
        if self.bulan:
            return [self.bulan]
        if self.triwulan:
            return [3 * self.triwulan - 2, 3 * self.triwulan - 1, 3 * self.triwulan]
        return list(range(1, 13))

    @property
    def triwulan_penilaian(self) -> int | None:
        """The quarter whose appraisals the unit table shows (None: the annual one)."""
        if self.triwulan:
            return self.triwulan
        if self.bulan:
            return (self.bulan - 1) // 3 + 1
        return None

    @property
    def label(self) -> str:
        if self.bulan:
            return f"{NAMA_BULAN[self.bulan]} {self.tahun}"
        if self.triwulan:
            return _("Triwulan %(n)s %(tahun)s") % {"n": self.triwulan, "tahun": self.tahun}
        return _("Tahun %(tahun)s") % {"tahun": self.tahun}

    def query(self) -> dict:
        d = {"tahun": self.tahun}
        if self.bulan:
            d["bulan"] = self.bulan
        if self.triwulan:
            d["triwulan"] = self.triwulan
        return d


def periode_untuk(c: Cakupan, tahun: int) -> Periode | None:
    return periode_dan_jendela(c, tahun)[0]


def periode_dan_jendela(c: Cakupan, tahun: int) -> tuple[Periode | None, list[PeriodePenilaian]]:
    """The year's period of the user's instansi and its appraisal windows: read once, cached
    until a period or a window changes (``pemantauan.sinyal``)."""
    instansi_id = c.instansi_id
    if instansi_id is None and c.akar:
        instansi_id = c.akar[0].instansi_id

    def baca():
        qs = Periode.objects.filter(tahun=tahun)
        if instansi_id is not None:
            qs = qs.filter(instansi_id=instansi_id)
        periode = qs.first()
        return periode, jendela_penilaian(periode)

    return ambil(VERSI_PERIODE, f"{instansi_id}:{tahun}", baca)


# --- the completion dashboard -----------------------------------------------------------------
@dataclass
class Angka:
    """The numbers of one unit row (or of the totals)."""

    pegawai: int = 0
    skp_ditetapkan: int = 0
    hari_kerja: int = 0
    hari_berisi: int = 0
    pegawai_hari_kosong: int = 0
    jumlah_aktivitas: int = 0
    menunggu: int = 0
    aktivitas_terlambat: int = 0
    di_luar_skp: int = 0  # activities linked to no RHK (issue 17 §5)
    realisasi_tepat: int = 0
    realisasi_terlambat: int = 0
    realisasi_belum: int = 0
    penilaian_wajib: int = 0
    penilaian_selesai: int = 0
    keberatan: int = 0

    def tambah(self, lain: Angka) -> None:
        # Called once per unit path and row (an instansi: a thousand times a page): plain
        # dict arithmetic, not getattr/setattr per field.
        mine, theirs = self.__dict__, lain.__dict__
        for k in _FIELD_ANGKA:
            mine[k] += theirs[k]

    @staticmethod
    def _persen(a: int, b: int) -> float | None:
        return round(100 * a / b, 1) if b else None

    @property
    def skp_belum(self) -> int:
        return self.pegawai - self.skp_ditetapkan

    @property
    def persen_skp(self):
        return self._persen(self.skp_ditetapkan, self.pegawai)

    @property
    def persen_hari(self):
        return self._persen(self.hari_berisi, self.hari_kerja)

    @property
    def persen_realisasi_tepat(self):
        wajib = self.realisasi_tepat + self.realisasi_terlambat + self.realisasi_belum
        return self._persen(self.realisasi_tepat, wajib)

    @property
    def porsi_di_luar_skp(self) -> PorsiDiLuarSkp:
        return porsi_di_luar_skp(self.jumlah_aktivitas, self.di_luar_skp)

    @property
    def penilaian_belum(self) -> int:
        return self.penilaian_wajib - self.penilaian_selesai

    @property
    def persen_penilaian(self):
        return self._persen(self.penilaian_selesai, self.penilaian_wajib)


_FIELD_ANGKA = tuple(Angka.__dataclass_fields__)


@dataclass
class BarisUnit:
    unit: UnitKerja | None  # None: the atasan's subordinates, grouped by unit without drill
    nama: str
    path: str
    langsung: bool = False  # the selected unit's own pegawai (not its sub-units)
    angka: Angka = field(default_factory=Angka)


@dataclass
class PenilaianJendela:
    jendela: PeriodePenilaian
    wajib: int = 0
    selesai: int = 0

    @property
    def belum(self) -> int:
        return self.wajib - self.selesai

    @property
    def persen(self):
        return Angka._persen(self.selesai, self.wajib)


@dataclass
class Dasbor:
    cakupan: Cakupan
    saringan: Saringan
    unit: UnitKerja | None
    periode: Periode | None
    baris: list[BarisUnit]
    total: Angka
    jendela: list[PenilaianJendela]
    tren: list[dict]
    predikat: list[dict]
    predikat_organisasi: PredikatKinerjaOrganisasi | None
    tanpa_predikat: TanpaPredikatOrganisasi | None = None


@dataclass
class TanpaPredikatOrganisasi:
    """The units in scope still without a predikat kinerja organisasi for the latest window
    whose rating has opened: their heads' rating hasil kerja waits for it (0004 §2)."""

    jendela: PeriodePenilaian
    jumlah: int
    unit: list[tuple[str, str]]  # (kode, nama) of the first ones, by tree order


# The first ten by name (issue 12's page weight); the rest are on the predikat organisasi page.
BATAS_TANPA_PREDIKAT = 10


def unit_tanpa_predikat_organisasi(
    c: Cakupan, unit: UnitKerja | None, jendela: list[PeriodePenilaian], hari_ini
) -> TanpaPredikatOrganisasi | None:
    """One query: the scope's active units (kode, nama, by path) with no predikat
    organisasi for the latest window that has opened for rating."""
    if not c.per_unit:
        return None
    dibuka = [pp for pp in jendela if pp.dibuka <= hari_ini]
    if not dibuka:
        return None
    pp = max(dibuka, key=lambda x: (x.dibuka, x.jenis != JenisPeriode.TAHUNAN))
    ada = PredikatKinerjaOrganisasi.objects.filter(
        tahun=pp.periode.tahun, jenis=pp.jenis, urutan=pp.urutan
    ).values("unit_id")
    semua = list(
        UnitKerja.objects.filter(_q(c, unit, "path", "pk", "instansi_id"), aktif=True)
        .exclude(pk__in=ada)
        .order_by("path")
        .values_list("kode", "nama")
    )
    return TanpaPredikatOrganisasi(pp, len(semua), semua[:BATAS_TANPA_PREDIKAT])


def _baris_unit(c: Cakupan, unit: UnitKerja | None) -> list[BarisUnit]:
    if not c.per_unit:
        return []
    if unit is None:
        return [BarisUnit(u, u.nama, u.path) for u in c.akar]
    anak = list(unit.sub_unit.filter(aktif=True).order_by("nama"))
    return [BarisUnit(unit, unit.nama, unit.path, langsung=True)] + [
        BarisUnit(u, u.nama, u.path) for u in anak
    ]


def _pencocok(baris: list[BarisUnit]):
    """``_cocok`` for many paths: the rows are disjoint subtrees (and the unit's own row, for
    its exact path), so a path belongs to the row of its one ancestor path among them — found
    by walking its own prefixes (a few dict lookups) instead of testing every row."""
    langsung = {b.path: b for b in baris if b.langsung}
    subpohon = {b.path: b for b in baris if not b.langsung}

    def cocok(path: str) -> BarisUnit | None:
        if path in langsung:
            return langsung[path]
        i = path.find("/", 1)
        while i != -1:
            b = subpohon.get(path[: i + 1])
            if b is not None:
                return b
            i = path.find("/", i + 1)
        return None

    return cocok


def jendela_penilaian(periode: Periode | None) -> list[PeriodePenilaian]:
    if periode is None:
        return []
    daftar = PeriodePenilaian.objects.filter(periode=periode).select_related("periode")
    return sorted(daftar, key=lambda pp: (pp.jenis == JenisPeriode.TAHUNAN, pp.mulai, pp.urutan))


def _jendela_dipilih(jendela: list[PeriodePenilaian], s: Saringan) -> PeriodePenilaian | None:
    tw = s.triwulan_penilaian
    for pp in jendela:
        if tw is None and pp.jenis == JenisPeriode.TAHUNAN:
            return pp
        if tw is not None and pp.jenis == JenisPeriode.TRIWULAN and pp.urutan == tw:
            return pp
    return None


def _dari_ringkasan_pegawai(c: Cakupan, s: Saringan, unit, ke) -> list[dict]:
    """An atasan's few pegawai: their (pegawai, month) rows, one GROUP BY (unit, month) over
    the year for the unit rows (months of the filter) and the monthly trend."""
    per_bulan = list(
        RingkasanPegawaiBulan.objects.filter(q_ringkasan(c, unit), tahun=s.tahun)
        .values("unit_path", "bulan")
        .annotate(
            s_hari_kerja=Sum("hari_kerja"),
            s_hari_berisi=Sum("hari_berisi"),
            s_jumlah_aktivitas=Sum("jumlah_aktivitas"),
            s_menunggu=Sum("menunggu"),
            s_aktivitas_terlambat=Sum("terlambat"),
            s_di_luar_skp=Sum("di_luar_skp"),
            s_realisasi_tepat=Count("pk", filter=Q(realisasi=R.TEPAT)),
            s_realisasi_terlambat=Count("pk", filter=Q(realisasi=R.TERLAMBAT)),
            s_realisasi_belum=Count("pk", filter=Q(realisasi=R.BELUM)),
        )
        .order_by()
    )
    bulan_dipilih = set(s.daftar_bulan)
    for r in per_bulan:
        if r["bulan"] not in bulan_dipilih:
            continue
        a = ke(r["unit_path"])
        for k, v in r.items():
            if k.startswith("s_"):
                setattr(a, k[2:], getattr(a, k[2:]) + (v or 0))
    # pegawai with at least one empty workday in the months (distinct over the months)
    for path, n in (
        RingkasanPegawaiBulan.objects.filter(
            q_ringkasan(c, unit),
            tahun=s.tahun,
            bulan__in=s.daftar_bulan,
            hari_berisi__lt=F("hari_kerja"),
        )
        .values_list("unit_path")
        .annotate(n=Count("pegawai", distinct=True))
        .order_by()
    ):
        ke(path).pegawai_hari_kosong = n
    return per_bulan


def _dari_ringkasan_unit(c: Cakupan, s: Saringan, unit, ke) -> list[dict]:
    """Units: their rows of the range chosen (one per unit) and, for the trend, the months of
    the year added up by month — a cost that follows the number of units, not of pegawai."""
    if s.bulan:
        rentang = s.bulan
    elif s.triwulan:
        rentang = RingkasanUnit.rentang_triwulan(s.triwulan)
    else:
        rentang = RingkasanUnit.TAHUN
    q = q_ringkasan(c, unit)
    for r in RingkasanUnit.objects.filter(q, tahun=s.tahun, rentang=rentang).values(
        "unit_path", *_KOLOM_UNIT.values()
    ):
        a = ke(r["unit_path"])
        for angka, kolom in _KOLOM_UNIT.items():
            setattr(a, angka, getattr(a, angka) + r[kolom])
    return list(
        RingkasanUnit.objects.filter(q, tahun=s.tahun, rentang__lte=12)
        .values(bulan=F("rentang"))
        .annotate(
            s_hari_kerja=Sum("hari_kerja"),
            s_hari_berisi=Sum("hari_berisi"),
            s_realisasi_tepat=Sum("realisasi_tepat"),
            s_realisasi_terlambat=Sum("realisasi_terlambat"),
            s_realisasi_belum=Sum("realisasi_belum"),
        )
        .order_by()
    )


# Angka's field -> RingkasanUnit's column
_KOLOM_UNIT = {
    "hari_kerja": "hari_kerja",
    "hari_berisi": "hari_berisi",
    "pegawai_hari_kosong": "pegawai_hari_kosong",
    "jumlah_aktivitas": "jumlah_aktivitas",
    "menunggu": "menunggu",
    "aktivitas_terlambat": "terlambat",
    "di_luar_skp": "di_luar_skp",
    "realisasi_tepat": "realisasi_tepat",
    "realisasi_terlambat": "realisasi_terlambat",
    "realisasi_belum": "realisasi_belum",
}


# What the dashboard counts per pegawai row (not per activity): the pegawai monitored, their
# SKP ditetapkan, the appraisals due and done per window, the objections pending and the
# predikat spread.  These grow with the number of pegawai (40,000 in a province), change
# seldom at month end (activities do not touch them), and are the same for every visit of a
# scope: computed once per scope and cached under the versions that change them — the
# organisation, the periods and windows, and VERSI_ORANG (an SKP, a penilaian or a keberatan
# saved: pemantauan.sinyal) — and for UMUR_ORANG at most, the age of the activity rollups
# (pemantauan.perbarui_ringkasan every 5 minutes), which also bounds a bulk update that
# sends no signal.
VERSI_ORANG = "dasbor-orang"
UMUR_ORANG = 5 * 60
# The unit rollups (``pemantauan.services.bangun_ringkasan_unit`` bumps it when it writes) and
# the predikat kinerja organisasi (``pemantauan.sinyal``): the rendered dashboard body is kept
# under it (``pemantauan.views._isi_dasbor``).
VERSI_RINGKASAN = "dasbor-ringkasan"


@dataclass
class AngkaOrang:
    # unit path -> (pegawai, skp ditetapkan, penilaian wajib, penilaian selesai, keberatan);
    # the appraisals are those of the selected window
    per_path: dict[str | None, tuple[int, int, int, int, int]]
    jendela: dict[int, tuple[int, int]]  # window pk -> (wajib, selesai)
    distribusi: list[dict]


def _hitung_orang(
    c: Cakupan,
    unit: UnitKerja | None,
    periode: Periode | None,
    jendela: list[PeriodePenilaian],
    dipilih: PeriodePenilaian | None,
) -> AngkaOrang:
    per_path: dict[str | None, list[int]] = {}

    def ke(path: str | None) -> list[int]:
        return per_path.setdefault(path, [0, 0, 0, 0, 0])

    # pegawai monitored (the denominator of the SKP and appraisal rates)
    for path, n in (
        pegawai_dipantau(c, unit).values_list("unit_kerja__path").annotate(n=Count("pk")).order_by()
    ):
        ke(path)[0] = n
    if periode is not None:
        for path, n in (
            Skp.objects.filter(q_pegawai(c, unit, "pegawai__"), periode=periode)
            .filter(status=Skp.Status.DITETAPKAN, pegawai__status__in=AKTIF)
            .values_list("pegawai__unit_kerja__path")
            .annotate(n=Count("pegawai", distinct=True))
            .order_by()
        ):
            ke(path)[1] = n
    # appraisals: every window of the period (the totals), the selected one per unit.
    # One query for every window: the windows' GROUP BYs glued with UNION ALL.
    per_jendela = [
        skp_wajib_dinilai(pp)
        .filter(q_pegawai(c, unit, "pegawai__"), pegawai__status__in=AKTIF)
        .values_list("pegawai__unit_kerja__path")
        .annotate(
            wajib=Count("pk", distinct=True),
            selesai=Count(
                "penilaian",
                distinct=True,
                filter=Q(penilaian__periode_penilaian=pp, penilaian__status__in=SELESAI_DINILAI),
            ),
            jendela=Value(pp.pk),
        )
        .order_by()
        for pp in jendela
    ]
    total_jendela = {pp.pk: [0, 0] for pp in jendela}
    if per_jendela:
        for path, wajib, selesai, pp_id in per_jendela[0].union(*per_jendela[1:], all=True):
            total_jendela[pp_id][0] += wajib
            total_jendela[pp_id][1] += selesai
            if dipilih is not None and pp_id == dipilih.pk:
                ke(path)[2:4] = [wajib, selesai]
    if periode is not None:
        for path, n in (
            Keberatan.objects.filter(
                q_pegawai(c, unit, "pegawai__"),
                status=Keberatan.Status.DIAJUKAN,
                penilaian__periode_penilaian__periode=periode,
                pegawai__status__in=AKTIF,
            )
            .values_list("pegawai__unit_kerja__path")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            ke(path)[4] = n
    return AngkaOrang(
        {path: tuple(v) for path, v in per_path.items()},
        {pk: tuple(v) for pk, v in total_jendela.items()},
        distribusi_predikat(c, jendela, unit),
    )


def kunci_cakupan(c: Cakupan) -> str:
    """What a unit scope's cached reads are keyed by: the scope and the versions of the
    organisation and the periods."""
    return ":".join(
        [
            versi("organisasi"),
            versi(VERSI_PERIODE),
            c.jenis,
            str(c.instansi_id),
            # an instansi has some forty root units: their ids hashed keep the key short
            hashlib.blake2b(
                ",".join(str(u.pk) for u in c.akar).encode(), digest_size=8
            ).hexdigest(),
        ]
    )


def angka_orang(
    c: Cakupan,
    unit: UnitKerja | None,
    periode: Periode | None,
    jendela: list[PeriodePenilaian],
    dipilih: PeriodePenilaian | None,
) -> AngkaOrang:
    """:func:`_hitung_orang`, cached per scope for a unit scope (an admin's instansi, an
    operator's units); an atasan's few subordinates are counted on each visit."""
    if not c.per_unit:
        return _hitung_orang(c, unit, periode, jendela, dipilih)
    kunci = ":".join(
        [
            kunci_cakupan(c),
            str(unit.pk if unit is not None else "-"),
            str(periode.pk if periode is not None else "-"),
            str(dipilih.pk if dipilih is not None else "-"),
            get_language() or "",  # the predikat labels are translated
        ]
    )
    return ambil(
        VERSI_ORANG,
        kunci,
        lambda: _hitung_orang(c, unit, periode, jendela, dipilih),
        umur=UMUR_ORANG,
    )


def dasbor(c: Cakupan, s: Saringan, unit: UnitKerja | None) -> Dasbor:
    periode, jendela = periode_dan_jendela(c, s.tahun)
    baris = _baris_unit(c, unit)
    per_path: dict[str, Angka] = {}

    def ke(path: str) -> Angka:
        return per_path.setdefault(path, Angka())

    dipilih = _jendela_dipilih(jendela, s)
    orang = angka_orang(c, unit, periode, jendela, dipilih)
    for path, (pegawai, skp, wajib, selesai, keberatan) in orang.per_path.items():
        a = ke(path)
        a.pegawai, a.skp_ditetapkan, a.keberatan = pegawai, skp, keberatan
        a.penilaian_wajib, a.penilaian_selesai = wajib, selesai
    if c.per_unit:
        per_bulan = _dari_ringkasan_unit(c, s, unit, ke)
    else:
        per_bulan = _dari_ringkasan_pegawai(c, s, unit, ke)
    hasil_jendela = []
    for pp in jendela:
        pj = PenilaianJendela(pp)
        pj.wajib, pj.selesai = orang.jendela.get(pp.pk, (0, 0))
        hasil_jendela.append(pj)

    total = Angka()
    baris_per_path: dict[str, BarisUnit] = {}
    cocok = _pencocok(baris)
    for path, a in per_path.items():
        if path is None:
            continue
        total.tambah(a)
        if c.per_unit:
            b = cocok(path)
        else:
            b = baris_per_path.get(path)
            if b is None:
                b = baris_per_path[path] = BarisUnit(None, "", path)
        if b is not None:
            b.angka.tambah(a)
    if not c.per_unit:
        nama = dict(
            UnitKerja.objects.filter(path__in=list(baris_per_path)).values_list("path", "nama")
        )
        for b in baris_per_path.values():
            b.nama = nama.get(b.path, "—")
        baris = sorted(baris_per_path.values(), key=lambda b: b.nama)
    else:
        baris = [b for b in baris if not b.langsung or b.angka.pegawai]
    return Dasbor(
        c,
        s,
        unit,
        periode,
        baris,
        total,
        hasil_jendela,
        tren(per_bulan),
        orang.distribusi,
        predikat_organisasi(unit, s.tahun),
        unit_tanpa_predikat_organisasi(c, unit, jendela, skp_services.hari_ini()),
    )


def tren(per_bulan: list[dict]) -> list[dict]:
    """Per month of the year: % workdays filled and % realisation on time (of those due),
    folded from the dashboard's (unit, month) rows."""
    jumlah: dict[int, list[int]] = {}
    for r in per_bulan:
        t = jumlah.setdefault(r["bulan"], [0, 0, 0, 0])
        t[0] += r["s_hari_kerja"] or 0
        t[1] += r["s_hari_berisi"] or 0
        t[2] += r["s_realisasi_tepat"]
        t[3] += r["s_realisasi_tepat"] + r["s_realisasi_terlambat"] + r["s_realisasi_belum"]
    return [
        {
            "bulan": bulan,
            "label": str(NAMA_BULAN[bulan])[:3],
            "persen_hari": Angka._persen(t[1], t[0]),
            "persen_realisasi": Angka._persen(t[2], t[3]),
        }
        for bulan, t in sorted(jumlah.items())
    ]


def distribusi_predikat(c: Cakupan, jendela: list[PeriodePenilaian], unit) -> list[dict]:
    """Annual predikat (rated or final) per predikat, in the regulation's order.

    For a unit, the people are counted exactly as its curve counts them
    (``penilaian.selectors.kurva.anggota_kurva``: the head of the unit is counted in the unit
    above, decision record 0004), so the chart against the curve matches the curve page."""
    tahunan = next((pp for pp in jendela if pp.jenis == JenisPeriode.TAHUNAN), None)
    jumlah: dict[str, int] = {}
    if tahunan is not None:
        qs = Penilaian.objects.filter(
            q_pegawai(c, unit, "pegawai__"),
            periode_penilaian=tahunan,
            status__in=SELESAI_DINILAI,
            pegawai__status__in=AKTIF,
        ).exclude(predikat="")
        if unit is not None:
            anggota = [s.pk for s in anggota_kurva(unit, tahunan)]
            qs = qs.filter(skp_id__in=anggota)
        jumlah = dict(qs.values_list("predikat").annotate(n=Count("pk")).order_by())
    total = sum(jumlah.values())
    return [
        {
            "predikat": str(p),
            "label": str(LABEL_PREDIKAT[p]),
            "jumlah": jumlah.get(str(p), 0),
            "persen": Angka._persen(jumlah.get(str(p), 0), total),
        }
        for p in Predikat
    ]


def predikat_organisasi(unit: UnitKerja | None, tahun: int) -> PredikatKinerjaOrganisasi | None:
    """The predikat organisasi that fixes the curve of ``unit``: its own or the nearest
    ancestor's (penilaian's rule: a sub-unit without one follows its parent)."""
    if unit is None:
        return None
    ids = [*unit.id_leluhur, unit.pk]
    daftar = {
        p.unit_id: p
        for p in PredikatKinerjaOrganisasi.objects.filter(
            unit_id__in=ids, tahun=tahun, jenis=JenisPeriode.TAHUNAN
        )
    }
    for uid in reversed(ids):
        if uid in daftar:
            return daftar[uid]
    return None


# --- workload ---------------------------------------------------------------------------------
@dataclass
class BebanPegawai:
    pegawai_id: int
    nip: str
    nama: str
    unit: str
    jumlah_aktivitas: int
    menit: int
    hari_berisi: int
    hari_kerja: int
    pencilan: str = ""  # "" | "tinggi" | "rendah"
    # Who entered the activities (issue 14): himself, an operator, a colleague under kuasa.
    sumber: SumberIsian = field(default_factory=SumberIsian)
    # Activities linked to no RHK (issue 17 §5: work outside the SKP).
    di_luar_skp: int = 0

    @property
    def jam(self) -> float:
        return round(self.menit / 60, 1)

    @property
    def porsi_di_luar_skp(self) -> PorsiDiLuarSkp:
        return porsi_di_luar_skp(self.jumlah_aktivitas, self.di_luar_skp)


@dataclass
class BatasPencilan:
    median: float
    bawah: float
    atas: float
    aturan: str


UKURAN_UNIT_MIN_IQR = 8


def batas_pencilan(jam: list[float]) -> BatasPencilan | None:
    """Outliers of hours worked.  Eight or more pegawai: outside median ± 1.5·IQR (Tukey's
    fences around the quartiles).  Smaller units have no stable quartiles: below 25 % or
    above 200 % of the median.  Fewer than three: no outliers (nothing to compare)."""
    if len(jam) < 3:
        return None
    median = statistics.median(jam)
    if len(jam) >= UKURAN_UNIT_MIN_IQR:
        q1, _q2, q3 = statistics.quantiles(jam, n=4, method="inclusive")
        iqr = q3 - q1
        return BatasPencilan(
            median, max(0.0, q1 - 1.5 * iqr), q3 + 1.5 * iqr, _("di luar kuartil ± 1,5 × IQR")
        )
    return BatasPencilan(median, 0.25 * median, 2 * median, _("< 25 % atau > 200 % median"))


URUTAN_BEBAN = {
    "nama": lambda b: b.nama,
    "aktivitas": lambda b: b.jumlah_aktivitas,
    "jam": lambda b: b.menit,
    "hari": lambda b: b.hari_berisi,
    # the share outside the SKP, then the count (issue 17 §5: which pegawai to look at first)
    "luar": lambda b: (b.porsi_di_luar_skp.persen, b.di_luar_skp),
}


def beban_kerja(c: Cakupan, s: Saringan, unit, urut: str = "-jam"):
    """Per pegawai of the scope over the period: activities, hours, days with activity."""
    baris = [
        BebanPegawai(
            r["pegawai_id"],
            r["pegawai__nip"],
            r["pegawai__nama"],
            r["unit__nama"],
            r["s_jumlah_aktivitas"] or 0,
            r["s_menit"] or 0,
            r["s_hari_berisi"] or 0,
            r["s_hari_kerja"] or 0,
            sumber=SumberIsian(
                r["s_jumlah_aktivitas"] or 0, r["s_diisi_operator"] or 0, r["s_diisi_kuasa"] or 0
            ),
            di_luar_skp=r["s_di_luar_skp"] or 0,
        )
        for r in RingkasanPegawaiBulan.objects.filter(
            q_ringkasan(c, unit), tahun=s.tahun, bulan__in=s.daftar_bulan
        )
        .values("pegawai_id", "pegawai__nip", "pegawai__nama", "unit__nama")
        .annotate(
            s_jumlah_aktivitas=Sum("jumlah_aktivitas"),
            s_menit=Sum("menit"),
            s_hari_berisi=Sum("hari_berisi"),
            s_hari_kerja=Sum("hari_kerja"),
            s_diisi_operator=Sum("diisi_operator"),
            s_diisi_kuasa=Sum("diisi_kuasa"),
            s_di_luar_skp=Sum("di_luar_skp"),
        )
        .order_by()
    ]
    batas = batas_pencilan([b.menit / 60 for b in baris])
    if batas is not None:
        for b in baris:
            if b.menit / 60 > batas.atas:
                b.pencilan = "tinggi"
            elif b.menit / 60 < batas.bawah:
                b.pencilan = "rendah"
    kunci = urut.lstrip("-")
    if kunci not in URUTAN_BEBAN:
        urut, kunci = "-jam", "jam"
    baris.sort(key=URUTAN_BEBAN[kunci], reverse=urut.startswith("-"))
    return baris, batas, urut
