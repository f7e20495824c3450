"""Reads of the self-assessment (issue 17, point 1): the pegawai's open windows, and his
account as the penilai (and the rating detail, and the evaluation document) show it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from penilaian import rules
from penilaian.models import PengaturanPenilaian, Penilaian, PenilaianDiri, PeriodePenilaian
from penilaian.selectors.nilai import bahan_penilaian, skp_wajib_dinilai
from skp.models import Skp
from skp.rules import BERAKHLAK


def penilaian_diri(pp: PeriodePenilaian, skp: Skp) -> PenilaianDiri | None:
    """The self-assessment kept with the rating of ``skp`` in ``pp`` (one query)."""
    return PenilaianDiri.objects.filter(periode_penilaian=pp, skp=skp).first()


def aktif(instansi_id: int) -> bool:
    """Whether the instansi uses the self-assessment (the default when never set)."""
    nilai = (
        PengaturanPenilaian.objects.filter(instansi_id=instansi_id)
        .values_list("penilaian_diri_aktif", flat=True)
        .first()
    )
    return True if nilai is None else nilai


@dataclass
class BarisDiri:
    pp: PeriodePenilaian
    skp: Skp
    diri: PenilaianDiri | None
    status_penilaian: str | None

    @property
    def terbuka(self) -> bool:
        return self.status_penilaian not in ("dinilai", "final")


def jendela_penilaian_diri(user, hari_ini: dt.date) -> list[BarisDiri]:
    """The windows running now (first day of work ≤ today ≤ deadline) with the user's SKP
    rated in each, his self-assessment if any and the rating's state.  Four queries."""
    jendela = list(
        PeriodePenilaian.objects.filter(
            periode__instansi_id=user.instansi_id, mulai__lte=hari_ini, batas__gte=hari_ini
        )
        .select_related("periode")
        .order_by("selesai", "jenis")
    )
    if not jendela:
        return []
    skp = list(
        Skp.objects.filter(
            pegawai=user,
            status=Skp.Status.DITETAPKAN,
            periode_id__in={pp.periode_id for pp in jendela},
        ).select_related("jabatan", "periode")
    )
    baris = [
        (pp, s)
        for pp in jendela
        for s in skp
        if s.periode_id == pp.periode_id and s.mulai <= pp.selesai and s.selesai >= pp.mulai
    ]
    if not baris:
        return []
    kunci = {(pp.pk, s.pk) for pp, s in baris}
    diri = {
        (d.periode_penilaian_id, d.skp_id): d
        for d in PenilaianDiri.objects.filter(periode_penilaian__in=jendela, skp__in=skp).only(
            "id", "periode_penilaian_id", "skp_id", "diubah_pada"
        )
        if (d.periode_penilaian_id, d.skp_id) in kunci
    }
    status = {
        (p["periode_penilaian_id"], p["skp_id"]): p["status"]
        for p in Penilaian.objects.filter(periode_penilaian__in=jendela, skp__in=skp).values(
            "periode_penilaian_id", "skp_id", "status"
        )
    }
    return [BarisDiri(pp, s, diri.get((pp.pk, s.pk)), status.get((pp.pk, s.pk))) for pp, s in baris]


def skp_penilaian_diri(user, pp: PeriodePenilaian, skp_id: int) -> Skp | None:
    """The user's own SKP rated in ``pp`` (``None``: not his or not rated there → 404), with
    the state of its rating in ``pp`` as ``status_penilaian`` (``None``: not started)."""
    return (
        skp_wajib_dinilai(pp)
        .filter(pk=skp_id, pegawai=user)
        .annotate(
            status_penilaian=Subquery(
                Penilaian.objects.filter(periode_penilaian=pp, skp=OuterRef("pk")).values("status")[
                    :1
                ]
            )
        )
        .select_related("pegawai", "jabatan", "unit", "periode__instansi")
        .first()
    )


def bahan_diri(pp: PeriodePenilaian, skp: Skp) -> dict:
    """What the pegawai writes about, lighter than the penilai's ``bahan_penilaian`` (no
    monthly realisations, feedback or ekspektasi): per RHK its indicators, the count of his
    approved activities of the window and the evidence he may cite — the evidence of those
    activities and of the window's monthly realisations, exactly the set the penilai sees.
    Four queries whatever the number of RHK."""
    return bahan_penilaian(pp, skp, perilaku=False, lengkap=False)


@dataclass
class DiriRhk:
    rhk: object
    uraian: str
    usulan: str
    bukti: list


@dataclass
class TampilanDiri:
    diri: PenilaianDiri
    rhk: list[DiriRhk]
    perilaku: list[tuple[object, str]]  # (nilai dasar, label of the proposed rating)

    @property
    def usulan_hasil_kerja(self) -> str:
        return self.diri.get_usulan_rating_hasil_kerja_display()

    @property
    def usulan_perilaku(self) -> str:
        return self.diri.get_usulan_rating_perilaku_display()


def tampilan(diri: PenilaianDiri | None, bahan: dict) -> TampilanDiri | None:
    """The self-assessment laid out per RHK (the cited evidence taken from ``bahan``, the
    window's own evidence, so no query) and per BerAKHLAK value."""
    if diri is None:
        return None
    label = {str(k): v for k, v in rules.LABEL_RATING.items()}
    rhk = []
    for b in bahan["rhk"]:
        isian = (diri.hasil_kerja or {}).get(str(b.rhk.pk))
        if not isian:
            continue
        dirujuk = set(isian.get("bukti") or [])
        rhk.append(
            DiriRhk(
                b.rhk,
                isian.get("uraian", ""),
                str(label.get(isian.get("usulan", ""), "")),
                [x for x in b.bukti if x.pk in dirujuk],
            )
        )
    perilaku = [
        (n, str(label[(diri.perilaku or {})[n.kode]]))
        for n in BERAKHLAK
        if (diri.perilaku or {}).get(n.kode) in label
    ]
    return TampilanDiri(diri, rhk, perilaku)
