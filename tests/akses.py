"""Shared vocabulary of the authorization matrix (tests/test_matriks_akses.py).

Each app above ``aktivitas`` keeps its own rules in ``tests/<app>/akses.py``: a dict ``ATURAN``
(url name → ``Aturan``) and ``siapkan(org)``, which adds that app's objects to the ``org``
fixture.  The matrix merges them, so a new URL without a rule still fails the suite.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

PERAN = ("anonim", "asn", "atasan", "operator", "admin", "superuser", "lain")


@dataclass
class Aturan:
    status: dict[str, int]
    kwargs: Callable[[object], dict] | None = None
    metode: str = "get"
    data: dict = field(default_factory=dict)

    def untuk(self, peran: str) -> int:
        return self.status[peran]


def semua(kode: int, **kecuali: int) -> dict[str, int]:
    hasil = dict.fromkeys(PERAN, kode)
    hasil.update(kecuali)
    return hasil


def masuk_dulu(**lainnya: int) -> dict[str, int]:
    """Logged-in roles as given; anonymous → 302 to the login page."""
    return {"anonim": 302, **lainnya}


HANYA_ADMIN = masuk_dulu(asn=403, atasan=403, operator=403, admin=200, superuser=200, lain=403)
POST_ADMIN = masuk_dulu(asn=403, atasan=403, operator=403, admin=302, superuser=302, lain=403)


def staf(org):
    return {"pk": org.staf.pk}


def pk(atribut):
    return lambda org: {"pk": atribut(org).pk}


def skp(org):
    return {"pk": org.skp_staf.pk}


SEMUA_MASUK = masuk_dulu(**dict.fromkeys(PERAN[1:], 200))
