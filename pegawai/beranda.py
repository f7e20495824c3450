"""Cards that the higher apps add to the home page (``beranda``).

The home page belongs to the lowest app, but what it should say first ("your SKP is still a
draft", "3 SKP wait for your approval") belongs to the apps above.  Each registers a function
here in its ``AppConfig.ready``; nothing in ``pegawai`` imports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from .rules import hari_terlambat, tingkat_tenggat


@dataclass
class Kartu:
    judul: str
    teks: str
    tautan: str = ""
    label_tautan: str = ""
    penting: bool = False  # shown first, as a call to action
    butir: list[str] = field(default_factory=list)
    tenggat: dt.date | None = None  # the deadline of what the card asks for, if any
    terlambat_hari: int = 0  # set by kartu_beranda from tenggat


PEMBUAT_KARTU: list[Callable] = []


def daftarkan(fungsi: Callable) -> Callable:
    """Register ``fungsi(request, peran) -> list[Kartu]``."""
    PEMBUAT_KARTU.append(fungsi)
    return fungsi


def kartu_beranda(request, peran, hari_ini: dt.date) -> list[Kartu]:
    """The cards, what is overdue first, then what is due today, this week, the rest; calls
    to action before plain information at each level."""
    kartu = [k for fungsi in PEMBUAT_KARTU for k in fungsi(request, peran)]
    for k in kartu:
        if k.tenggat is not None:
            k.terlambat_hari = hari_terlambat(k.tenggat, hari_ini)
    return sorted(
        kartu,
        key=lambda k: (
            tingkat_tenggat(k.tenggat, hari_ini),
            not k.penting,
            k.tenggat or dt.date.max,
        ),
    )
