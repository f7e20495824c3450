"""Reads of the calibration view (issue 17 §4): per penilai, the predikat he gave in one
evaluation window against the curve of his unit and against the instansi, his halo share
and the outlier flags (``penilaian.rules_kalibrasi``).

Who sees whom (decided here): the admin instansi every penilai of his instansi (the
superuser every instansi); an atasan the penilai directly below him (his subordinates who
rate others: he is their atasan pejabat penilai); anyone else 403.  Ratings recorded for
the PPK (no penilai) are left out.

Counted: finished ratings (dinilai or final) with a predikat.  The unit curve of a penilai is
the curve group his own unit falls in (the nearest unit up with a predikat organisasi for
the window): the pegawai he rates work under him, in that group.  Four queries whatever the
number of penilai: the instansi's periodic rhythm, the ratings grouped by penilai, predikat
and ratings, the predikat organisasi of the window, and the penilai themselves.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils.translation import gettext as _

from pegawai.models import Pegawai
from pegawai.permissions import peran
from penilaian import rules
from penilaian import rules_kalibrasi as kal
from penilaian.models import PengaturanPenilaian, Penilaian, PredikatKinerjaOrganisasi
from penilaian.selectors.kurva import pemilik_kurva

SELESAI = (Penilaian.Status.DINILAI, Penilaian.Status.FINAL)


@dataclass(frozen=True)
class CakupanKalibrasi:
    jenis: str  # "admin" | "atasan"
    instansi_id: int | None  # None: the superuser, every instansi
    penilai_ids: frozenset[int] | None = None  # None: every penilai of the instansi


def boleh_kalibrasi(user) -> bool:
    p = peran(user)
    return p.is_admin or p.is_atasan


def cakupan_kalibrasi(user) -> CakupanKalibrasi:
    p = peran(user)
    if p.is_admin:
        return CakupanKalibrasi("admin", None if p.is_superuser else user.instansi_id)
    if p.is_atasan:
        return CakupanKalibrasi("atasan", user.instansi_id, frozenset(p.bawahan_ids))
    raise PermissionDenied(_("Kalibrasi penilaian untuk admin instansi dan atasan penilai."))


def pilihan_jendela(instansi_id: int | None, tahun: int) -> list[tuple[str, str]]:
    """The year and each window of the instansi's periodic rhythm: (key, label); read
    without creating the settings row (a page never writes)."""
    jenis = (
        PengaturanPenilaian.objects.filter(instansi_id=instansi_id)
        .values_list("jenis_periodik", flat=True)
        .first()
        if instansi_id is not None
        else None
    ) or rules.JenisPeriode.TRIWULAN
    jumlah = rules.JUMLAH_JENDELA[rules.JenisPeriode(jenis)]
    label = rules.LABEL_JENIS_PERIODE[rules.JenisPeriode(jenis)]
    return [(f"{rules.JenisPeriode.TAHUNAN}-1", _("Tahunan %(tahun)s") % {"tahun": tahun})] + [
        (f"{jenis}-{i}", f"{label} {i} {tahun}") for i in range(1, jumlah + 1)
    ]


@dataclass
class Sebaran:
    """A distribution of predikat: counts, shares, and the (hasil, perilaku) pairs."""

    jumlah: Counter = field(default_factory=Counter)
    pasangan: Counter = field(default_factory=Counter)

    @property
    def n(self) -> int:
        return sum(self.jumlah.values())

    @property
    def persen(self) -> dict:
        return kal.distribusi_persen(self.jumlah)

    @property
    def halo(self) -> float | None:
        return kal.persen_halo(self.pasangan)


@dataclass
class BarisKalibrasi:
    penilai: Pegawai
    sebaran: Sebaran
    kurva_unit: str  # name of the unit whose curve applies ("" without one)
    predikat_organisasi: str  # its predikat organisasi ("" without one)
    batas_sangat_baik: int | None
    pembanding: kal.Pembanding
    tanda: tuple[str, ...]

    @property
    def sel(self) -> list[tuple[str, int, float | None]]:
        """(label, count, %) per predikat, best first."""
        persen = self.sebaran.persen
        return [
            (label, self.sebaran.jumlah.get(p, 0), persen[p])
            for p, label in rules.LABEL_PREDIKAT.items()
        ]


@dataclass
class Kalibrasi:
    cakupan: CakupanKalibrasi
    tahun: int
    jenis: str
    urutan: int
    instansi: Sebaran
    baris: list[BarisKalibrasi]

    @property
    def jumlah_tanda(self) -> int:
        return sum(1 for b in self.baris if b.tanda)


def _sebaran(c: CakupanKalibrasi, tahun: int, jenis: str, urutan: int) -> dict[int, Sebaran]:
    """Finished ratings of the window, grouped in the database by penilai, predikat and the
    two ratings (a few rows per penilai)."""
    qs = Penilaian.objects.filter(
        periode_penilaian__periode__tahun=tahun,
        periode_penilaian__jenis=jenis,
        periode_penilaian__urutan=urutan,
        status__in=SELESAI,
        penilai__isnull=False,
    ).exclude(predikat="")
    if c.instansi_id is not None:
        qs = qs.filter(periode_penilaian__periode__instansi_id=c.instansi_id)
    per_penilai: dict[int, Sebaran] = defaultdict(Sebaran)
    for penilai_id, predikat, hasil, perilaku, n in (
        qs.order_by()
        .values_list("penilai_id", "predikat", "rating_hasil_kerja", "rating_perilaku")
        .annotate(n=Count("pk"))
    ):
        s = per_penilai[penilai_id]
        s.jumlah[rules.Predikat(predikat)] += n
        s.pasangan[(hasil, perilaku)] += n
    return per_penilai


def kalibrasi(c: CakupanKalibrasi, tahun: int, jenis: str, urutan: int) -> Kalibrasi:
    per_penilai = _sebaran(c, tahun, jenis, urutan)
    instansi = Sebaran()
    for s in per_penilai.values():
        instansi.jumlah.update(s.jumlah)
        instansi.pasangan.update(s.pasangan)
    ids = set(per_penilai)
    if c.penilai_ids is not None:
        ids &= c.penilai_ids
    orang = Pegawai.objects.filter(pk__in=ids).select_related("unit_kerja").in_bulk()
    po_qs = PredikatKinerjaOrganisasi.objects.filter(tahun=tahun, jenis=jenis, urutan=urutan)
    if c.instansi_id is not None:
        po_qs = po_qs.filter(instansi_id=c.instansi_id)
    kurva = {
        unit_id: (nama, predikat)
        for unit_id, nama, predikat in po_qs.values_list("unit_id", "unit__nama", "predikat")
    }
    persen_sb_instansi = instansi.persen[rules.Predikat.SANGAT_BAIK]
    baris = []
    for pk in ids:
        penilai = orang.get(pk)
        if penilai is None:
            continue
        s = per_penilai[pk]
        pemilik = pemilik_kurva(penilai.unit_kerja.path, set(kurva)) if penilai.unit_kerja else None
        nama_unit, po = kurva.get(pemilik, ("", ""))
        batas_sb = kal.batas_sangat_baik(po)
        pembanding = kal.pembanding_sangat_baik(batas_sb, persen_sb_instansi)
        baris.append(
            BarisKalibrasi(
                penilai=penilai,
                sebaran=s,
                kurva_unit=nama_unit,
                predikat_organisasi=(
                    str(rules.LABEL_PREDIKAT_ORGANISASI[rules.PredikatOrganisasi(po)]) if po else ""
                ),
                batas_sangat_baik=batas_sb,
                pembanding=pembanding,
                tanda=kal.tanda_pencilan(
                    s.n, s.persen[rules.Predikat.SANGAT_BAIK], pembanding, s.halo
                ),
            )
        )
    baris.sort(key=lambda b: (-len(b.tanda), b.penilai.nama, b.penilai.pk))
    return Kalibrasi(c, tahun, jenis, urutan, instansi, baris)
