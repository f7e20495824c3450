"""Sections that the higher apps add to the profile page (``profil``), as ``beranda.py`` does
for the home page: the profile belongs to the lowest app, but what it should show of the
appraisal (e.g. the development recommendations of the pegawai's final ratings, issue 17)
belongs to the apps above.  Each registers a function here in its ``AppConfig.ready``;
nothing in ``pegawai`` imports them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class BagianProfil:
    judul: str
    template: str  # rendered with ``data`` in its context
    data: dict = field(default_factory=dict)


PEMBUAT_BAGIAN: list[Callable] = []


def daftarkan(fungsi: Callable) -> Callable:
    """Register ``fungsi(request, pegawai) -> list[BagianProfil]``."""
    PEMBUAT_BAGIAN.append(fungsi)
    return fungsi


def bagian_profil(request, pegawai) -> list[BagianProfil]:
    return [b for fungsi in PEMBUAT_BAGIAN for b in fungsi(request, pegawai)]
