"""Cards that the higher apps add to the home page (``beranda``).

The home page belongs to the lowest app, but what it should say first ("your SKP is still a
draft", "3 SKP wait for your approval") belongs to the apps above.  Each registers a function
here in its ``AppConfig.ready``; nothing in ``pegawai`` imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Kartu:
    judul: str
    teks: str
    tautan: str = ""
    label_tautan: str = ""
    penting: bool = False  # shown first, as a call to action
    butir: list[str] = field(default_factory=list)


PEMBUAT_KARTU: list[Callable] = []


def daftarkan(fungsi: Callable) -> Callable:
    """Register ``fungsi(request, peran) -> list[Kartu]``."""
    PEMBUAT_KARTU.append(fungsi)
    return fungsi


def kartu_beranda(request, peran) -> list[Kartu]:
    kartu = [k for fungsi in PEMBUAT_KARTU for k in fungsi(request, peran)]
    return sorted(kartu, key=lambda k: not k.penting)
