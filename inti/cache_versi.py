"""Per-request work that every page repeats, cached under a *version* that a change bumps.

A page needs the user's roles (his subordinates, his operator units), the rating chain of
whoever enters an activity, the holidays of a year.  They change seldom — when the
organisation, an assignment or the calendar changes — and every page reads them, so they are
kept in the cache under a key that carries the version of what they are computed from
(``"organisasi"``, ``"kalender"``).  A change bumps that version (a new random token): every
key computed before it is never read again and expires by itself.  No key has to be found and
deleted, which is what makes the invalidation exact across processes that share the cache.

With no shared cache (``make run`` without Redis) the cache is a folder shared by the web and
the worker; with the cache unreachable every read is a miss and the value is computed again —
slower, never wrong.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")

# An hour: long enough to serve a morning's peak, short enough that a version token lost
# with its cache entry (eviction) costs at most one recomputation per key and hour.
UMUR_DETIK = 60 * 60
_KOSONG = object()


def versi(nama: str) -> str:
    """The current version token of ``nama``, created when the cache has none."""
    kunci = f"versi:{nama}"
    token = cache.get(kunci)
    if token is None:
        token = secrets.token_hex(6)
        # add(): two processes creating it at once agree on the first one's token.
        if not cache.add(kunci, token, timeout=None):
            token = cache.get(kunci) or token
    return token


def naikkan_versi(*nama: str) -> None:
    """Forget everything computed from ``nama`` (call it after the change is committed)."""
    cache.set_many({f"versi:{n}": secrets.token_hex(6) for n in nama}, timeout=None)


def berubah(*nama: str) -> None:
    """A change of what ``nama`` caches: bump at once (the same transaction reads its own
    change) and again on commit (a page computed from the old data by another process while
    the change was not yet committed is not kept)."""
    naikkan_versi(*nama)
    transaction.on_commit(lambda: naikkan_versi(*nama))


def ikuti(nama: str, *model, uid: str) -> None:
    """Bump ``nama`` whenever a row of one of ``model`` is saved or deleted (bulk writes send no
    signal: their service calls :func:`berubah` itself)."""

    def _berubah(sender, **kwargs) -> None:
        berubah(nama)

    for m in model:
        post_save.connect(_berubah, sender=m, weak=False, dispatch_uid=f"{uid}-simpan-{m.__name__}")
        post_delete.connect(
            _berubah, sender=m, weak=False, dispatch_uid=f"{uid}-hapus-{m.__name__}"
        )


def ambil(nama: str, kunci: str, hitung: Callable[[], T], umur: int = UMUR_DETIK) -> T:
    """``hitung()`` cached under ``kunci`` at the current version of ``nama``."""
    penuh = f"{nama}:{versi(nama)}:{kunci}"
    nilai = cache.get(penuh, _KOSONG)
    if nilai is _KOSONG:
        nilai = hitung()
        cache.set(penuh, nilai, timeout=umur)
    return nilai
