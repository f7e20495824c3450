"""Reads of daily activities and action plans, scoped to the user, in a fixed number of queries.

Lists read ``Aktivitas`` by (pegawai, tanggal) — the table's index — and aggregate in the
database (one ``GROUP BY tanggal`` query for a week or a month), so a page costs the same
number of queries for 10 activities or 80.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractHour, ExtractMinute
from django.shortcuts import get_object_or_404
from django.utils import timezone

from aktivitas import rules
from aktivitas.models import (
    Aktivitas,
    BuktiDukung,
    RealisasiBulanan,
    RencanaAksi,
)
from aktivitas.selectors.kuasa import q_pemberi_kuasa
from aktivitas.selectors.pengaturan import pengaturan_kinerja
from inti import partisi
from inti.cache_versi import ambil
from kalender.rules import MAKS_HARI_GANGGUAN
from kalender.selectors import hari_gangguan, hari_libur, nama_libur
from pegawai.models import Pegawai
from pegawai.selectors.organisasi import pegawai_terlihat
from skp.models import RencanaHasilKerja, Skp
from skp.sinyal import versi_rhk_skp

A = Aktivitas.Status
JAM_MULAI_BAWAAN = dt.time(7, 30)


# --- scoped reads ---------------------------------------------------------------------------
def aktivitas_terlihat(user) -> QuerySet[Aktivitas]:
    """Activities of the pegawai the user may see, plus those he was made the penilai of
    (a Plh reviews the days he acted, even after the acting ends), plus those of the pegawai
    whose kuasa pengisian he holds today."""
    qs = Aktivitas.objects.select_related(
        "pegawai__unit_kerja", "rhk", "rencana_aksi", "diisi_oleh"
    )
    if user.is_superuser:
        return qs
    return qs.filter(
        Q(pegawai__in=pegawai_terlihat(user).values("pk")) | Q(penilai=user) | q_pemberi_kuasa(user)
    )


def get_aktivitas(user, pk: int) -> Aktivitas:
    """One activity through the scoped queryset: a foreign id answers 404."""
    return get_object_or_404(aktivitas_terlihat(user), pk=pk)


def realisasi_terlihat(user) -> QuerySet[RealisasiBulanan]:
    """Monthly realisation rows of the pegawai the user may see, plus those he reviews, plus
    those of the pegawai whose kuasa pengisian he holds today."""
    qs = RealisasiBulanan.objects.select_related("skp__pegawai__unit_kerja", "indikator")
    if user.is_superuser:
        return qs
    return qs.filter(
        Q(skp__pegawai__in=pegawai_terlihat(user).values("pk"))
        | Q(penilai=user)
        | q_pemberi_kuasa(user, "skp__pegawai")
    )


def get_realisasi(user, pk: int) -> RealisasiBulanan:
    """One realisation row through the scoped queryset: a foreign id answers 404."""
    return get_object_or_404(realisasi_terlihat(user), pk=pk)


def rhk_terlihat(user) -> QuerySet[RencanaHasilKerja]:
    """RHK of the SKP of the pegawai the user may see (for the rencana aksi forms)."""
    qs = RencanaHasilKerja.objects.select_related("skp__pegawai__unit_kerja", "skp__periode")
    if user.is_superuser:
        return qs
    return qs.filter(skp__pegawai__in=pegawai_terlihat(user).values("pk"))


def rencana_aksi_terlihat(user) -> QuerySet[RencanaAksi]:
    qs = RencanaAksi.objects.select_related("rhk__skp__pegawai__unit_kerja")
    if user.is_superuser:
        return qs
    return qs.filter(rhk__skp__pegawai__in=pegawai_terlihat(user).values("pk"))


# --- the day page ---------------------------------------------------------------------------
def aktivitas_hari(pegawai: Pegawai, tanggal: dt.date) -> QuerySet[Aktivitas]:
    """The pegawai's activities of one day, in time order, with what each row shows."""
    return (
        Aktivitas.objects.filter(pegawai=pegawai, tanggal=tanggal)
        .select_related("rhk", "rencana_aksi", "diisi_oleh")
        .prefetch_related(bukti_dengan_pengunggah())
        .order_by("jam_mulai", "id")
    )


def bukti_dengan_pengunggah(lewat: str = "bukti") -> Prefetch:
    """Prefetch of the evidence with who uploaded it (one query for a whole list)."""
    return Prefetch(lewat, queryset=BuktiDukung.objects.select_related("diunggah_oleh"))


def jam_hari(pegawai: Pegawai, tanggal: dt.date) -> list[tuple[int, dt.time, dt.time, bool]]:
    """(id, start, end, outside any RHK) of the pegawai's activities of one day, in
    :func:`aktivitas_hari`'s order: the day's totals and where a new row goes, without
    reading the rows."""
    return [
        (pk, mulai, selesai, rhk_id is None)
        for pk, mulai, selesai, rhk_id in Aktivitas.objects.filter(pegawai=pegawai, tanggal=tanggal)
        .order_by("jam_mulai", "id")
        .values_list("id", "jam_mulai", "jam_selesai", "rhk_id")
    ]


def jam_mulai_berikut(jam_selesai: Iterable[dt.time]) -> dt.time:
    """Where the next activity of a day most likely starts: the end of the latest one."""
    return max(jam_selesai, default=JAM_MULAI_BAWAAN)


@dataclass
class KebiasaanIsian:
    """What the pegawai typed last, to prefill the entry form (one query)."""

    satuan: list[str] = field(default_factory=list)
    rhk_id: int | None = None
    ada: bool = False  # whether he has entered anything yet

    @property
    def satuan_terakhir(self) -> str:
        return self.satuan[0] if self.satuan else ""


def kebiasaan_isian(
    pegawai: Pegawai, tanggal: dt.date, batas: int = 40, maks_satuan: int = 10
) -> KebiasaanIsian:
    """The units of output used lately (newest first, distinct) and the last RHK used, up to
    ``tanggal`` (the day being filled) from the first day of the month before it: two monthly
    partitions at most (issue 13), where "ever" would read every month of the table."""
    baris = (
        Aktivitas.objects.filter(
            pegawai=pegawai, tanggal__range=(partisi.tambah_bulan(tanggal, -1), tanggal)
        )
        .order_by("-tanggal", "-jam_mulai", "-id")
        .values_list("satuan_output", "rhk_id")[:batas]
    )
    hasil = KebiasaanIsian()
    for i, (satuan, rhk_id) in enumerate(baris):
        if i == 0:
            hasil.rhk_id, hasil.ada = rhk_id, True
        if satuan not in hasil.satuan and len(hasil.satuan) < maks_satuan:
            hasil.satuan.append(satuan)
    return hasil


def rhk_skp(skp: Skp | None) -> list[RencanaHasilKerja]:
    """The RHK of an SKP, utama first then tambahan (the order of the SKP document); cached
    until one of them or of their action plans changes (``skp.sinyal.versi_rhk_skp``): the
    entry form offers them on every day page and every entry."""
    if skp is None:
        return []
    return ambil(versi_rhk_skp(skp.pk), "rhk", lambda: _rhk_skp(skp.pk))


def _rhk_skp(skp_id: int) -> list[RencanaHasilKerja]:
    urutan = {RencanaHasilKerja.Jenis.UTAMA: 0, RencanaHasilKerja.Jenis.TAMBAHAN: 1}
    rhk = list(RencanaHasilKerja.objects.filter(skp_id=skp_id).order_by("urutan", "id"))
    return sorted(rhk, key=lambda r: urutan.get(r.jenis, 2))


def rencana_aksi_bulan(
    skp: Skp | None, rhk: list[RencanaHasilKerja], tahun: int, bulan: int
) -> list[RencanaAksi]:
    """:func:`rencana_aksi_periode` of the SKP's RHK (``rhk_skp(skp)``) for a month, read,
    cached with those RHK (the entry form's second list of choices)."""
    if skp is None or not rhk:
        return []
    return ambil(
        versi_rhk_skp(skp.pk),
        f"rencana-aksi:{tahun}-{bulan}",
        lambda: list(rencana_aksi_periode([r.pk for r in rhk], tahun, bulan)),
    )


def rhk_pegawai(pegawai: Pegawai) -> QuerySet[RencanaHasilKerja]:
    """Every RHK of the pegawai's SKP: what the entry form accepts before the service checks
    that it belongs to the SKP in force on the activity's date."""
    return RencanaHasilKerja.objects.filter(skp__pegawai=pegawai)


def rencana_aksi_pegawai(pegawai: Pegawai) -> QuerySet[RencanaAksi]:
    return RencanaAksi.objects.filter(rhk__skp__pegawai=pegawai).select_related("rhk")


def triwulan(bulan: int) -> int:
    return (bulan - 1) // 3 + 1


def rencana_aksi_periode(
    rhk_ids: list[int], tahun: int, bulan: int, *, jumlah_aktivitas: bool = False
) -> QuerySet[RencanaAksi]:
    """Action plans of these RHK for a month: the month's own and its quarter's."""
    qs = (
        RencanaAksi.objects.filter(rhk_id__in=rhk_ids, tahun=tahun)
        .filter(Q(bulan=bulan) | Q(triwulan=triwulan(bulan)))
        .select_related("rhk")
        # the month's own plans first, then the quarter's (NULL sorts differently per database)
        .order_by("rhk_id", F("triwulan").asc(nulls_first=True), "id")
    )
    if jumlah_aktivitas:
        qs = qs.annotate(jumlah_aktivitas=Count("aktivitas"))
    return qs


# --- settings and calendar (reads only: a page never creates the settings row) --------------
def batas_hari_terlambat(instansi_id: int | None) -> int:
    """N of "entered more than N workdays after its date is late" for an instansi."""
    return pengaturan_kinerja(instansi_id).batas_hari_kerja_terlambat


def libur_rentang(instansi_id: int | None, mulai: dt.date, selesai: dt.date) -> dict[dt.date, str]:
    """Holidays between two dates (national ones and the instansi's own), with their names
    (the calendar's cached year, ``kalender.selectors.nama_libur``)."""
    return nama_libur(instansi_id, mulai, selesai)


def batas_tepat_waktu(instansi_id: int | None, tanggal: dt.date, n: int) -> dt.date:
    """The last day an activity of ``tanggal`` may be entered without being late."""
    akhir = tanggal + dt.timedelta(days=n * 3 + 30 + MAKS_HARI_GANGGUAN)
    libur = hari_libur(instansi_id, tanggal, akhir)
    return rules.batas_entri(tanggal, n, libur, hari_gangguan(instansi_id, tanggal, akhir))


# --- week and month summaries ---------------------------------------------------------------
@dataclass
class RingkasanHari:
    tanggal: dt.date
    jumlah: int = 0
    menit: int = 0
    menunggu: int = 0
    disetujui: int = 0
    dikembalikan: int = 0
    terlambat: int = 0
    di_luar_skp: int = 0  # linked to no RHK
    diisi_lain: int = 0  # entered by someone else (an operator, a colleague under kuasa)
    libur: str = ""
    akan_datang: bool = False  # after today: nothing is missing yet

    @property
    def jam(self) -> float:
        return self.menit / 60

    @property
    def akhir_pekan(self) -> bool:
        return self.tanggal.weekday() >= 5

    @property
    def hari_kerja(self) -> bool:
        return not self.akhir_pekan and not self.libur


@dataclass
class Ringkasan:
    """Per-day counts of a date range, every day present (days without activities at 0)."""

    mulai: dt.date
    selesai: dt.date
    hari: list[RingkasanHari]

    def _total(self, kolom: str) -> int:
        return sum(getattr(h, kolom) for h in self.hari)

    @property
    def jumlah(self) -> int:
        return self._total("jumlah")

    @property
    def jam(self) -> float:
        return self._total("menit") / 60

    @property
    def menunggu(self) -> int:
        return self._total("menunggu")

    @property
    def disetujui(self) -> int:
        return self._total("disetujui")

    @property
    def dikembalikan(self) -> int:
        return self._total("dikembalikan")

    @property
    def terlambat(self) -> int:
        return self._total("terlambat")

    @property
    def di_luar_skp(self) -> rules.PorsiDiLuarSkp:
        """The share of the range's activities linked to no RHK (issue 17 §5)."""
        return rules.porsi_di_luar_skp(self.jumlah, self._total("di_luar_skp"))

    @property
    def hari_terisi(self) -> int:
        return sum(1 for h in self.hari if h.jumlah)

    @property
    def hari_kerja_kosong(self) -> int:
        return sum(1 for h in self.hari if h.hari_kerja and not h.akan_datang and not h.jumlah)


def _menit(kolom: str):
    return ExtractHour(kolom) * 60 + ExtractMinute(kolom)


def ringkasan_rentang(pegawai: Pegawai, mulai: dt.date, selesai: dt.date) -> Ringkasan:
    """Counts, minutes, statuses and lateness per day, aggregated by the database (1 query:
    the activities grouped by day; the holidays come from the calendar's cache)."""
    baris = (
        Aktivitas.objects.filter(pegawai=pegawai, tanggal__range=(mulai, selesai))
        .values("tanggal")
        .annotate(
            jumlah=Count("pk"),
            menit=Sum(_menit("jam_selesai") - _menit("jam_mulai"), output_field=IntegerField()),
            menunggu=Count("pk", filter=Q(status=A.MENUNGGU)),
            disetujui=Count("pk", filter=Q(status=A.DISETUJUI)),
            dikembalikan=Count("pk", filter=Q(status=A.DIKEMBALIKAN)),
            terlambat=Count("pk", filter=Q(terlambat=True)),
            di_luar_skp=Count("pk", filter=Q(rhk__isnull=True)),
            diisi_lain=Count("pk", filter=~Q(diisi_oleh_id=F("pegawai_id"))),
        )
        .order_by("tanggal")
    )
    per_tanggal = {b.pop("tanggal"): b for b in baris}
    libur = libur_rentang(pegawai.instansi_id, mulai, selesai)
    hari_ini = timezone.localdate()
    hari = []
    tanggal = mulai
    while tanggal <= selesai:
        angka = per_tanggal.get(tanggal, {})
        hari.append(
            RingkasanHari(
                tanggal=tanggal,
                libur=libur.get(tanggal, ""),
                akan_datang=tanggal > hari_ini,
                **{k: int(v or 0) for k, v in angka.items()},
            )
        )
        tanggal += dt.timedelta(days=1)
    return Ringkasan(mulai, selesai, hari)


def awal_minggu(tanggal: dt.date) -> dt.date:
    return tanggal - dt.timedelta(days=tanggal.weekday())


def ringkasan_minggu(pegawai: Pegawai, tanggal: dt.date) -> Ringkasan:
    """Monday to Sunday of the week holding ``tanggal``."""
    senin = awal_minggu(tanggal)
    return ringkasan_rentang(pegawai, senin, senin + dt.timedelta(days=6))


def ringkasan_bulan(pegawai: Pegawai, tahun: int, bulan: int) -> Ringkasan:
    awal, akhir = rules.rentang_bulan(tahun, bulan)
    return ringkasan_rentang(pegawai, awal, akhir)


# --- rencana aksi page ----------------------------------------------------------------------
def rhk_dengan_rencana_aksi(
    skp: Skp | None, tahun: int, bulan: int
) -> list[tuple[RencanaHasilKerja, list[RencanaAksi]]]:
    """Each RHK of the SKP (utama first) with its action plans for the month and its quarter,
    each plan annotated ``jumlah_aktivitas`` (2 queries)."""
    rhk = rhk_skp(skp)
    if not rhk:
        return []
    rencana: dict[int, list[RencanaAksi]] = {r.pk: [] for r in rhk}
    for ra in rencana_aksi_periode(list(rencana), tahun, bulan, jumlah_aktivitas=True):
        rencana[ra.rhk_id].append(ra)
    return [(r, rencana[r.pk]) for r in rhk]
