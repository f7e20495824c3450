"""Authorization rules for the penilaian URLs, one module per area (merged into
tests/test_matriks_akses.py)."""

from __future__ import annotations

from tests.akses import Aturan
from tests.penilaian import (
    akses_diri_umpan_balik,
    akses_keberatan,
    akses_kurva,
    akses_nilai,
    akses_tpp,
)

_AREA = (akses_nilai, akses_kurva, akses_keberatan, akses_tpp, akses_diri_umpan_balik)

ATURAN: dict[str, Aturan] = {}
for _m in _AREA:
    assert not ATURAN.keys() & _m.ATURAN.keys(), ATURAN.keys() & _m.ATURAN.keys()
    ATURAN.update(_m.ATURAN)


def siapkan(org) -> None:
    for m in _AREA:
        m.siapkan(org)
