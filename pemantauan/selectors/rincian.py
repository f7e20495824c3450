"""Drill-down: the pegawai behind every number of the completion dashboard.

Each kind gives the rows (pegawai, unit, a count) in one grouped query over the same table
and filter as the dashboard number, then the detail (which days are missing, how late) for
the rows shown (one more query).  The sum of the counts equals the dashboard's number:
pegawai for SKP, missing days and appraisals; pegawai-months for realisation; activities
for pending and late activities.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pemantauan.models import RingkasanPegawaiBulan
from pemantauan.selectors.dasbor import (
    AKTIF,
    NAMA_BULAN,
    SELESAI_DINILAI,
    Cakupan,
    Saringan,
    pegawai_dipantau,
    q_pegawai,
    q_ringkasan,
)
from penilaian.models import Keberatan, PeriodePenilaian
from penilaian.rules import LABEL_PREDIKAT
from penilaian.selectors.nilai import skp_wajib_dinilai
from skp.models import Periode, Skp

R = RingkasanPegawaiBulan.Realisasi

JENIS = {
    "skp_belum": gettext_lazy("Pegawai yang belum punya SKP ditetapkan"),
    "hari_kosong": gettext_lazy("Pegawai dengan hari kerja tanpa aktivitas"),
    "menunggu": gettext_lazy("Aktivitas menunggu persetujuan atasan"),
    "aktivitas_terlambat": gettext_lazy("Aktivitas yang diisi terlambat"),
    "realisasi_tepat": gettext_lazy("Realisasi bulanan tepat waktu"),
    "realisasi_terlambat": gettext_lazy("Realisasi bulanan terlambat"),
    "realisasi_belum": gettext_lazy("Realisasi bulanan belum dikirim (lewat batas)"),
    "penilaian_belum": gettext_lazy("SKP yang belum dinilai"),
    "penilaian_selesai": gettext_lazy("SKP yang sudah dinilai"),
    "keberatan": gettext_lazy("Keberatan yang belum diputus"),
}
# What the count column counts, per kind.
SATUAN = {
    "skp_belum": gettext_lazy("Pegawai"),
    "hari_kosong": gettext_lazy("Hari kosong"),
    "menunggu": gettext_lazy("Aktivitas"),
    "aktivitas_terlambat": gettext_lazy("Aktivitas"),
    "realisasi_tepat": gettext_lazy("Bulan"),
    "realisasi_terlambat": gettext_lazy("Bulan"),
    "realisasi_belum": gettext_lazy("Bulan"),
    "penilaian_belum": gettext_lazy("SKP"),
    "penilaian_selesai": gettext_lazy("SKP"),
    "keberatan": gettext_lazy("Keberatan"),
}
DARI_RINGKASAN = {
    "hari_kosong": (Q(hari_berisi__lt=F("hari_kerja")), Sum(F("hari_kerja") - F("hari_berisi"))),
    "menunggu": (Q(menunggu__gt=0), Sum("menunggu")),
    "aktivitas_terlambat": (Q(terlambat__gt=0), Sum("terlambat")),
    "realisasi_tepat": (Q(realisasi=R.TEPAT), Count("pk")),
    "realisasi_terlambat": (Q(realisasi=R.TERLAMBAT), Count("pk")),
    "realisasi_belum": (Q(realisasi=R.BELUM), Count("pk")),
}


@dataclass
class BarisRincian:
    pegawai_id: int
    nip: str
    nama: str
    unit: str
    jumlah: int
    rincian: str = ""


def daftar(
    c: Cakupan,
    s: Saringan,
    unit,
    jenis: str,
    periode: Periode | None,
    jendela: PeriodePenilaian | None,
) -> list[BarisRincian]:
    """Every row of the drill-down (without detail), ordered by unit and name."""
    if jenis in DARI_RINGKASAN:
        syarat, jumlah = DARI_RINGKASAN[jenis]
        qs = (
            RingkasanPegawaiBulan.objects.filter(
                q_ringkasan(c, unit), syarat, tahun=s.tahun, bulan__in=s.daftar_bulan
            )
            .values("pegawai_id", "pegawai__nip", "pegawai__nama", "unit__nama")
            .annotate(n_jumlah=jumlah)
            .order_by("unit__nama", "pegawai__nama", "pegawai_id")
        )
        return [
            BarisRincian(
                r["pegawai_id"],
                r["pegawai__nip"],
                r["pegawai__nama"],
                r["unit__nama"],
                r["n_jumlah"],
            )
            for r in qs
        ]
    if jenis == "skp_belum":
        qs = pegawai_dipantau(c, unit)
        if periode is not None:
            qs = qs.exclude(
                pk__in=Skp.objects.filter(periode=periode, status=Skp.Status.DITETAPKAN).values(
                    "pegawai_id"
                )
            )
            terakhir = Skp.objects.filter(pegawai=OuterRef("pk"), periode=periode).order_by(
                "-mulai", "-versi"
            )
            qs = qs.annotate(status_skp=Subquery(terakhir.values("status")[:1]))
        rows = qs.values(
            "pk",
            "nip",
            "nama",
            "unit_kerja__nama",
            *(["status_skp"] if periode is not None else []),
        ).order_by("unit_kerja__nama", "nama", "pk")
        label = dict(Skp.Status.choices)
        return [
            BarisRincian(
                r["pk"],
                r["nip"],
                r["nama"],
                r["unit_kerja__nama"],
                1,
                str(label.get(r.get("status_skp"), _("belum dibuat"))),
            )
            for r in rows
        ]
    if jenis in ("penilaian_belum", "penilaian_selesai"):
        if jendela is None:
            return []
        selesai = Q(penilaian__periode_penilaian=jendela, penilaian__status__in=SELESAI_DINILAI)
        qs = skp_wajib_dinilai(jendela).filter(
            q_pegawai(c, unit, "pegawai__"), pegawai__status__in=AKTIF
        )
        sudah = Skp.objects.filter(selesai)
        qs = qs.filter(pk__in=sudah) if jenis == "penilaian_selesai" else qs.exclude(pk__in=sudah)
        rows = qs.values(
            "pk", "pegawai_id", "pegawai__nip", "pegawai__nama", "pegawai__unit_kerja__nama"
        ).order_by("pegawai__unit_kerja__nama", "pegawai__nama", "pk")
        return [
            BarisRincian(
                r["pegawai_id"],
                r["pegawai__nip"],
                r["pegawai__nama"],
                r["pegawai__unit_kerja__nama"],
                1,
                str(r["pk"]),  # the SKP id, replaced by the detail
            )
            for r in rows
        ]
    if jenis == "keberatan":
        if periode is None:
            return []
        rows = (
            Keberatan.objects.filter(
                q_pegawai(c, unit, "pegawai__"),
                status=Keberatan.Status.DIAJUKAN,
                penilaian__periode_penilaian__periode=periode,
                pegawai__status__in=AKTIF,
            )
            .values(
                "pegawai_id",
                "pegawai__nip",
                "pegawai__nama",
                "pegawai__unit_kerja__nama",
                "diajukan_pada",
                "predikat_semula",
            )
            .order_by("pegawai__unit_kerja__nama", "pegawai__nama", "pk")
        )
        return [
            BarisRincian(
                r["pegawai_id"],
                r["pegawai__nip"],
                r["pegawai__nama"],
                r["pegawai__unit_kerja__nama"],
                1,
                _("diajukan %(tgl)s; predikat semula %(p)s")
                % {
                    "tgl": r["diajukan_pada"].strftime("%d-%m-%Y"),
                    "p": LABEL_PREDIKAT.get(r["predikat_semula"], r["predikat_semula"]),
                },
            )
            for r in rows
        ]
    raise KeyError(jenis)


def _bln(b: int) -> str:
    return str(NAMA_BULAN[b])[:3]


def isi_rincian(
    baris: list[BarisRincian], s: Saringan, jenis: str, jendela: PeriodePenilaian | None
) -> list[BarisRincian]:
    """Fill the detail of the rows shown (one query)."""
    if not baris:
        return baris
    ids = [b.pegawai_id for b in baris]
    if jenis in DARI_RINGKASAN:
        syarat, _jumlah = DARI_RINGKASAN[jenis]
        per: dict[int, list[str]] = {}
        for pid, bulan, kosong, menunggu, terlambat, telat in (
            RingkasanPegawaiBulan.objects.filter(
                syarat, pegawai_id__in=ids, tahun=s.tahun, bulan__in=s.daftar_bulan
            )
            .order_by("bulan")
            .values_list(
                "pegawai_id",
                "bulan",
                "hari_kosong",
                "menunggu",
                "terlambat",
                "realisasi_hari_telat",
            )
        ):
            if jenis == "hari_kosong":
                teks = f"{_bln(bulan)}: {kosong.replace(',', ', ')}"
            elif jenis == "menunggu":
                teks = f"{_bln(bulan)}: {menunggu}"
            elif jenis == "aktivitas_terlambat":
                teks = f"{_bln(bulan)}: {terlambat}"
            elif jenis == "realisasi_tepat":
                teks = _bln(bulan)
            else:
                teks = _("%(bln)s (%(n)s hari lewat batas)") % {"bln": _bln(bulan), "n": telat}
            per.setdefault(pid, []).append(teks)
        for b in baris:
            b.rincian = "; ".join(per.get(b.pegawai_id, []))
    elif jenis in ("penilaian_belum", "penilaian_selesai") and jendela is not None:
        skp_ids = [int(b.rincian) for b in baris]
        info = {
            pk: (nama, predikat)
            for pk, nama, predikat in Skp.objects.filter(pk__in=skp_ids)
            .annotate(
                predikat=Subquery(
                    jendela.penilaian.filter(skp=OuterRef("pk")).values("predikat")[:1]
                )
            )
            .values_list("pk", "penilai__nama", "predikat")
        }
        for b in baris:
            nama, predikat = info.get(int(b.rincian), ("", ""))
            if jenis == "penilaian_selesai":
                b.rincian = str(LABEL_PREDIKAT.get(predikat, predikat or "—"))
            else:
                b.rincian = _("penilai: %(nama)s") % {"nama": nama or _("PPK")}
    return baris
