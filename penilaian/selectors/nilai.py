"""Reads of the appraisal, scoped to the user where a user is involved.

``skp_wajib_dinilai`` and ``tanggal_penilaian`` are shared with notifikasi (reminders) and
pemantauan (dashboards): they define which SKP a window must rate and on which date the
pejabat penilai is determined.  Keep their signatures."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from penilaian.models import Penilaian, PeriodePenilaian
from skp.models import Skp


def skp_wajib_dinilai(pp: PeriodePenilaian) -> QuerySet[Skp]:
    """The SKPs that window ``pp`` must rate: the ditetapkan version of every SKP of the
    period whose validity overlaps the window (a pegawai who changed jabatan mid-window is
    rated on each SKP for its part; a superseded version is not rated, its revision is)."""
    return Skp.objects.filter(
        periode_id=pp.periode_id,
        status=Skp.Status.DITETAPKAN,
        mulai__lte=pp.selesai,
        selesai__gte=pp.mulai,
    )


def tanggal_penilaian(pp: PeriodePenilaian, skp: Skp) -> dt.date:
    """The date whose pejabat penilai rates ``skp`` in ``pp``: the end of the stretch rated
    (the window's end, or the SKP's end when it was cut earlier by a jabatan change)."""
    return min(pp.selesai, skp.selesai)


# --- the rating pages -----------------------------------------------------------------------
def jendela_terlihat(user) -> QuerySet[PeriodePenilaian]:
    """Windows of the user's instansi (every instansi for the superuser)."""
    qs = PeriodePenilaian.objects.select_related("periode__instansi")
    if user.is_superuser:
        return qs
    return qs.filter(periode__instansi_id=user.instansi_id)


def jendela_bawaan(jendela: list[PeriodePenilaian], hari_ini: dt.date) -> PeriodePenilaian | None:
    """The window a page opens on: the open one ending first, else the last one opened."""
    terbuka = [pp for pp in jendela if pp.dibuka <= hari_ini <= pp.batas]
    if terbuka:
        return min(terbuka, key=lambda pp: (pp.selesai, pp.jenis == "tahunan"))
    sudah = [pp for pp in jendela if pp.dibuka <= hari_ini]
    if sudah:
        return max(sudah, key=lambda pp: (pp.dibuka, pp.selesai))
    return min(jendela, key=lambda pp: pp.dibuka) if jendela else None


def penilaian_terlihat(user) -> QuerySet[Penilaian]:
    """Ratings the user may read: his own, those he gave, those his direct subordinates gave
    (he is their atasan pejabat penilai), those of his units as operator, and every rating
    of his instansi as admin."""
    from pegawai.permissions import peran

    qs = Penilaian.objects.select_related(
        "periode_penilaian__periode__instansi", "skp__jabatan", "pegawai", "penilai", "unit"
    )
    if user.is_superuser:
        return qs
    p = peran(user)
    syarat = Q(pegawai=user) | Q(penilai=user)
    if p.bawahan_ids:
        syarat |= Q(penilai_id__in=p.bawahan_ids)
    for _unit_id, path in p.unit_operator:
        syarat |= Q(unit__path__startswith=path)
    if p.is_admin:
        syarat |= Q(periode_penilaian__periode__instansi_id=user.instansi_id)
    return qs.filter(syarat)


def penilaian_saya(user) -> QuerySet[Penilaian]:
    """The pegawai's own ratings once the penilai is done (drafts are the penilai's)."""
    return (
        Penilaian.objects.filter(pegawai=user)
        .exclude(status=Penilaian.Status.DRAFT)
        .select_related("periode_penilaian__periode", "skp__jabatan", "penilai")
        .order_by("-periode_penilaian__selesai", "-periode_penilaian__jenis")
    )


@dataclass
class BarisDinilai:
    skp: Skp
    penilaian: Penilaian | None
    terlambat: bool

    @property
    def status(self) -> str:
        return self.penilaian.status if self.penilaian else "belum"


def skp_untuk_penilai(user, pp: PeriodePenilaian, hari_ini: dt.date) -> list[BarisDinilai]:
    """The SKPs ``user`` must rate in ``pp`` (as pejabat penilai, or as admin for the PPK),
    with their rating if any — a fixed number of queries whatever the number of pegawai."""
    from pegawai.permissions import is_admin_instansi
    from pegawai.selectors.hierarki import bawahan_langsung_ids
    from skp.selectors import dinilai_ppk

    wajib = skp_wajib_dinilai(pp)
    baris = list(wajib.values_list("pk", "pegawai_id", "selesai"))
    per_tanggal: dict[dt.date, list[tuple[int, int]]] = defaultdict(list)
    for pk, pegawai_id, selesai in baris:
        per_tanggal[min(pp.selesai, selesai)].append((pk, pegawai_id))
    admin = is_admin_instansi(user, pp.periode.instansi_id)
    dipilih: set[int] = set()
    for tanggal, daftar in per_tanggal.items():
        bawahan = bawahan_langsung_ids(user, tanggal) - {user.pk}
        ppk = dinilai_ppk({p for _, p in daftar}, tanggal) - {user.pk} if admin else set()
        dipilih |= {pk for pk, p in daftar if p in bawahan or p in ppk}
    skp = list(
        Skp.objects.filter(pk__in=dipilih)
        .select_related("pegawai", "jabatan", "unit")
        .order_by("pegawai__nama", "mulai")
    )
    nilai = {
        n.skp_id: n for n in Penilaian.objects.filter(periode_penilaian=pp, skp_id__in=dipilih)
    }
    return [
        BarisDinilai(
            s,
            nilai.get(s.pk),
            hari_ini > pp.batas
            and (s.pk not in nilai or nilai[s.pk].status == Penilaian.Status.DRAFT),
        )
        for s in skp
    ]


def bulan_jendela(pp: PeriodePenilaian) -> list[tuple[int, int]]:
    hasil, t, b = [], pp.mulai.year, pp.mulai.month
    while (t, b) <= (pp.selesai.year, pp.selesai.month):
        hasil.append((t, b))
        t, b = (t + 1, 1) if b == 12 else (t, b + 1)
    return hasil


@dataclass
class BahanRhk:
    rhk: object
    indikator: list
    realisasi: dict  # indikator id → list of RealisasiBulanan of the window
    jumlah_aktivitas: int
    bukti: list
    umpan_balik: list


def perilaku_dengan_ekspektasi(skp: Skp) -> list:
    """The seven BerAKHLAK values with the SKP's ekspektasi of each (one query)."""
    from skp.models import EkspektasiPerilaku
    from skp.rules import BERAKHLAK

    ekspektasi = dict(EkspektasiPerilaku.objects.filter(skp=skp).values_list("kode", "ekspektasi"))
    return [(n, ekspektasi.get(n.kode, "")) for n in BERAKHLAK]


def bahan_penilaian(
    pp: PeriodePenilaian, skp: Skp, *, perilaku: bool = True, lengkap: bool = True
) -> dict:
    """What the penilai reads before rating: per RHK its indicators and targets, the monthly
    realisations of the window's months, the evidence of the approved activities and of
    those realisations, and the feedback given in the window; the BerAKHLAK values with the
    SKP's ekspektasi (``perilaku``).  Seven queries whatever the number of RHK (six without
    the values).  ``lengkap=False``: only the RHK, the count of approved activities and the
    evidence — what the pegawai may cite in his self-assessment (four queries)."""
    from aktivitas.models import Aktivitas, BuktiDukung, RealisasiBulanan, UmpanBalik
    from skp.models import RencanaHasilKerja

    bulan = bulan_jendela(pp)
    dalam_bulan = Q()
    for t, b in bulan:
        dalam_bulan |= Q(tahun=t, bulan=b)
    rhk = list(
        RencanaHasilKerja.objects.filter(skp=skp)
        .prefetch_related("indikator")
        .order_by("jenis", "urutan", "pk")
    )
    realisasi: dict[int, list] = defaultdict(list)
    for r in (
        RealisasiBulanan.objects.filter(dalam_bulan, skp=skp)
        .only("indikator_id", "tahun", "bulan", "realisasi", "status", "catatan")
        .order_by("tahun", "bulan")
        if lengkap
        else ()
    ):
        realisasi[r.indikator_id].append(r)
    disetujui = Aktivitas.objects.filter(
        skp=skp,
        status=Aktivitas.Status.DISETUJUI,
        tanggal__gte=pp.mulai,
        tanggal__lte=pp.selesai,
    )
    jumlah = dict(disetujui.values("rhk_id").annotate(n=Count("pk")).values_list("rhk_id", "n"))
    bukti: dict[int, list] = defaultdict(list)
    realisasi_jendela = RealisasiBulanan.objects.filter(dalam_bulan, skp=skp)
    for b in (
        BuktiDukung.objects.filter(
            Q(aktivitas__in=disetujui) | Q(realisasi__in=realisasi_jendela.values("pk"))
        )
        .select_related("aktivitas", "realisasi__indikator")
        .order_by("aktivitas__tanggal", "pk")
    ):
        rhk_id = b.aktivitas.rhk_id if b.aktivitas_id else b.realisasi.indikator.rhk_id
        bukti[rhk_id].append(b)
    umpan: dict[int, list] = defaultdict(list)
    for u in (
        UmpanBalik.objects.filter(dalam_bulan, rhk__skp=skp)
        .select_related("penulis")
        .order_by("tahun", "bulan", "dibuat_pada")
        if lengkap
        else ()
    ):
        umpan[u.rhk_id].append(u)
    from aktivitas.rules import porsi_di_luar_skp

    return {
        "bulan": bulan,
        # The approved activities of the window linked to no RHK (issue 17 §5): read from
        # the same per-RHK count (the ``None`` key), no query more.
        "di_luar_skp": porsi_di_luar_skp(sum(jumlah.values()), jumlah.get(None, 0)),
        "rhk": [
            BahanRhk(
                r,
                list(r.indikator.all()),
                {i.pk: realisasi.get(i.pk, []) for i in r.indikator.all()},
                jumlah.get(r.pk, 0),
                bukti.get(r.pk, []),
                umpan.get(r.pk, []),
            )
            for r in rhk
        ],
        "perilaku": perilaku_dengan_ekspektasi(skp) if perilaku else [],
    }
