"""Pure rules of the calibration view (issue 17 §4): a penilai's distribution of predikat
against the curve of his unit and against the instansi, his halo share, and the outlier
flags with the rule stated on the page.

It informs; nothing here changes a rating.  No database and no request: plain values in,
plain values out.

Reading used (stated on the page): a rating here is one rating hasil kerja and one rating
perilaku per pegawai — the regulation rates the RHK together, not one by one — so the
*halo* share is the share of his ratings whose rating hasil kerja equals the rating
perilaku (one overall impression carried into both dimensions).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from penilaian.rules import MAKS, Predikat, PredikatOrganisasi, batas_kurva

#: A penilai is "longgar" when his share of Sangat Baik exceeds the limit by this many points.
SELISIH_LONGGAR = 10
#: A penilai shows a halo when at least this share of his ratings is identical in both.
BATAS_HALO = 90
#: Below this many ratings no flag is raised: a share of 2 people says nothing.
MIN_PENILAIAN = 5

LONGGAR, HALO = "longgar", "halo"
ATURAN = {
    LONGGAR: _(
        "Sangat Baik lebih dari batas kurva unit + %(x)s poin (tanpa batas kurva: lebih dari "
        "bagian Sangat Baik di instansi + %(x)s poin)"
    ),
    HALO: _("Rating hasil kerja sama dengan rating perilaku pada %(y)s%% penilaian atau lebih"),
}


def persen(bagian: int, total: int) -> float | None:
    """Share in percent with one decimal; None of nothing."""
    if total <= 0:
        return None
    return round(100 * bagian / total, 1)


def distribusi_persen(distribusi: Mapping[Predikat | str, int]) -> dict[Predikat, float | None]:
    """Each predikat's share of the ratings (every predikat present, best first)."""
    n = sum(distribusi.values())
    return {p: persen(int(distribusi.get(p, 0)), n) for p in Predikat}


def batas_sangat_baik(po: PredikatOrganisasi | str | None) -> int | None:
    """The curve's maximum share of Sangat Baik for a unit with predikat organisasi ``po``;
    None without a predikat organisasi or when the curve sets no maximum (Baik)."""
    if not po:
        return None
    for b in batas_kurva(po):
        if b.jenis == MAKS and Predikat.SANGAT_BAIK in b.predikat:
            return b.persen
    return None


def persen_halo(pasangan: Mapping[tuple[str, str], int]) -> float | None:
    """Share of ratings whose rating hasil kerja equals the rating perilaku, from
    ``{(hasil, perilaku): count}``."""
    n = sum(pasangan.values())
    sama = sum(v for (hasil, perilaku), v in pasangan.items() if hasil == perilaku)
    return persen(sama, n)


@dataclass(frozen=True)
class Pembanding:
    """What a penilai's share of Sangat Baik is compared with: the curve's limit, or the
    instansi's share when the unit has no curve limit."""

    batas: float | None
    dari_kurva: bool


def pembanding_sangat_baik(batas_kurva_sb: int | None, persen_instansi: float | None) -> Pembanding:
    if batas_kurva_sb is not None:
        return Pembanding(float(batas_kurva_sb), True)
    return Pembanding(persen_instansi, False)


def tanda_pencilan(
    n: int,
    persen_sangat_baik: float | None,
    pembanding: Pembanding,
    halo: float | None,
) -> tuple[str, ...]:
    """The outlier flags of one penilai (``LONGGAR``, ``HALO``), none below
    ``MIN_PENILAIAN`` ratings."""
    if n < MIN_PENILAIAN:
        return ()
    tanda = []
    if (
        persen_sangat_baik is not None
        and pembanding.batas is not None
        and persen_sangat_baik > pembanding.batas + SELISIH_LONGGAR
    ):
        tanda.append(LONGGAR)
    if halo is not None and halo >= BATAS_HALO:
        tanda.append(HALO)
    return tuple(tanda)


def aturan_tertulis() -> list[str]:
    """The rules as sentences for the page."""
    return [
        str(ATURAN[LONGGAR] % {"x": SELISIH_LONGGAR}),
        str(ATURAN[HALO] % {"y": BATAS_HALO}),
        str(
            _("Tanda hanya diberikan bila penilai memberi paling sedikit %(n)s penilaian.")
            % {"n": MIN_PENILAIAN}
        ),
    ]
