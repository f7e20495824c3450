"""Per-request work that every page repeats, cached under a *version* that a change bumps.

A page needs the user's roles (his subordinates, his operator units), the rating chain of
whoever enters an activity, the holidays of a year.  They change seldom — when the
organisation, an assignment or the calendar changes — and every page reads them, so they are
kept in the cache under a key that carries the version of what they are computed from
(``"organisasi"``, ``"kalender"``).  A change bumps that version (a new random token): every
key computed before it is never read again and expires by itself.  No key has to be found and
deleted, which is what makes the invalidation exact across processes that share the cache.

Within one request each version and each value is read from the cache once: a page asks for
the roles or the settings from several places (the menu, the view, the form, the service), and
each ask would otherwise be a round trip to Redis.  The request's memo is dropped at its end
and whenever a version is bumped in this process, so a request that changes the organisation
reads its own change afterwards.  Outside a request (a Celery task, a shell) there is no memo.

A value under a versioned key never changes — a change makes a new key — so each process also
keeps the values it last read or computed (``MAKS_LOKAL`` of them, pickled so that every read
gets its own copy, as from Redis, until the expiry stored with them): a page then asks the
shared cache only for the versions, in one round trip, instead of once per value.  The versions
themselves are never kept across requests: a bump by another process is seen by the next
request.

With no shared cache (``make run`` without Redis) the cache is a folder shared by the web and
the worker; with the cache unreachable every read is a miss and the value is computed again —
slower, never wrong.
"""

from __future__ import annotations

import pickle
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")

# An hour: long enough to serve a morning's peak, short enough that a version token lost
# with its cache entry (eviction) costs at most one recomputation per key and hour.
UMUR_DETIK = 60 * 60
_KOSONG = object()
# The request's memo (cache key -> value), None outside a request.
_memo: ContextVar[dict | None] = ContextVar("cache_versi_memo", default=None)


# Values kept by this process (full key -> (expiry as time.time(), pickled value)), the least
# recently used dropped first.  A thousand small values (roles, settings, a year's holidays):
# a few MB per worker.
MAKS_LOKAL = 1000
_lokal: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
_kunci_lokal = threading.Lock()


def _lokal_baca(kunci: str):
    with _kunci_lokal:
        isi = _lokal.get(kunci)
        if isi is None:
            return _KOSONG
        if time.time() >= isi[0]:
            del _lokal[kunci]
            return _KOSONG
        _lokal.move_to_end(kunci)
    return pickle.loads(isi[1])  # noqa: S301 — written by this process (_lokal_simpan)


def _lokal_simpan(kunci: str, nilai, kedaluwarsa: float) -> None:
    data = pickle.dumps(nilai, pickle.HIGHEST_PROTOCOL)
    with _kunci_lokal:
        _lokal[kunci] = (kedaluwarsa, data)
        _lokal.move_to_end(kunci)
        while len(_lokal) > MAKS_LOKAL:
            _lokal.popitem(last=False)


def kosongkan_lokal() -> None:
    """Forget the values this process keeps (tests that swap the cache backend)."""
    with _kunci_lokal:
        _lokal.clear()


# The versions nearly every page reads (the banner's among them): the first version a request
# asks for brings these along in the same round trip.
VERSI_UMUM = ("organisasi", "pengaturan-kinerja", "kalender", "periode", "pengumuman")


def _mulai_permintaan(**kwargs) -> None:
    _memo.set({})


def _akhiri_permintaan(**kwargs) -> None:
    _memo.set(None)


request_started.connect(_mulai_permintaan, dispatch_uid="cache-versi-mulai")
request_finished.connect(_akhiri_permintaan, dispatch_uid="cache-versi-akhir")


def _baca(kunci: str):
    """``kunci`` from the request's memo, else from the cache (then remembered)."""
    memo = _memo.get()
    if memo is not None and kunci in memo:
        return memo[kunci]
    nilai = cache.get(kunci, _KOSONG)
    if memo is not None and nilai is not _KOSONG:
        memo[kunci] = nilai
    return nilai


def versi(nama: str) -> str:
    """The current version token of ``nama``, created when the cache has none."""
    kunci = f"versi:{nama}"
    memo = _memo.get()
    if memo is not None and kunci not in memo and "versi:" not in memo:
        memo["versi:"] = True  # the common versions are fetched once per request
        semua = [f"versi:{n}" for n in {nama, *VERSI_UMUM}]
        memo.update(cache.get_many(semua))
    token = _baca(kunci)
    if token is _KOSONG or token is None:
        token = secrets.token_hex(6)
        # add(): two processes creating it at once agree on the first one's token.
        if not cache.add(kunci, token, timeout=None):
            token = cache.get(kunci) or token
        if memo is not None:
            memo[kunci] = token
    return token


def naikkan_versi(*nama: str) -> None:
    """Forget everything computed from ``nama`` (call it after the change is committed)."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()
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


def _kunci_nilai(nama: str, kunci: str) -> str:
    # "nilai:" — the stored entry is (expiry, value): a key of its own, so that an entry
    # written by an older release (a bare value) is never read as one.
    return f"nilai:{nama}:{versi(nama)}:{kunci}"


def _baca_nilai(penuh: str, *, bersama: bool = True):
    """The value under ``penuh`` from the request's memo, this process, or (``bersama``) the
    shared cache."""
    memo = _memo.get()
    if memo is not None and penuh in memo:
        return memo[penuh]
    nilai = _lokal_baca(penuh)
    if nilai is _KOSONG:
        if not bersama:
            return nilai
        isi = cache.get(penuh)
        if isi is None:
            return _KOSONG
        kedaluwarsa, nilai = isi
        if time.time() >= kedaluwarsa:  # the shared cache's own expiry may lag a little
            return _KOSONG
        _lokal_simpan(penuh, nilai, kedaluwarsa)
    if memo is not None:
        memo[penuh] = nilai
    return nilai


def ambil(
    nama: str, kunci: str, hitung: Callable[[], T], umur: int = UMUR_DETIK, *, lokal: bool = False
) -> T:
    """``hitung()`` cached under ``kunci`` at the current version of ``nama``, for at most
    ``umur`` seconds.  ``lokal``: kept by this process only, never in the shared cache — for
    rendered HTML, which a new release may draw differently (a restart forgets it; each
    process draws it once per version)."""
    penuh = _kunci_nilai(nama, kunci)
    nilai = _baca_nilai(penuh, bersama=not lokal)
    if nilai is _KOSONG:
        nilai = hitung()
        kedaluwarsa = time.time() + umur
        if not lokal:
            cache.set(penuh, (kedaluwarsa, nilai), timeout=umur)
        _lokal_simpan(penuh, nilai, kedaluwarsa)
        memo = _memo.get()
        if memo is not None:
            memo[penuh] = nilai
    return nilai


def tersimpan(nama: str, kunci: str):
    """What :func:`ambil` keeps under ``kunci`` at the current version of ``nama``, or None:
    from the caches only, never computed (the server-error page)."""
    nilai = _baca_nilai(_kunci_nilai(nama, kunci))
    return None if nilai is _KOSONG else nilai
