"""Reads that tolerate lag go to a PostgreSQL streaming replica (issue 13, docs/operasi.md).

With ``DATABASE_REPLICA_URLS`` set, the settings add ``DATABASES["replika_1"]``, … and install
:class:`RuterReplika`.  Nothing is sent to a replica by guessing from the SQL: a view says it
tolerates lag with :func:`boleh_replika` (a decorator) or a block with :func:`baca_replika`
(a context manager) — the dashboards, the exports and the reports.  Inside such a scope a read
goes to a replica unless

- the request (or the task) has written anything already: from the first write on, every
  read of the rest of that request goes to the primary (it must see what it wrote);
- it runs inside a transaction on the primary (a read that decides a write);
- no replica answers: the replica's connection error is logged as a WARNING, the replica is
  left alone for ``JEDA_MATI`` seconds, and the read goes to the primary — never an error.

Every write goes to the primary.  Outside a scope, everything goes to the primary.  The
request's "has written" mark is reset when a request starts (``request_started``); it is a
context variable, so each thread of a gunicorn worker keeps its own.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from django.core.signals import request_started
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger("ekinerja.replika")

AWALAN = "replika_"
# How long a replica that refused a connection is skipped (seconds).
JEDA_MATI = 30.0

_baca_replika: ContextVar[bool] = ContextVar("ekinerja_baca_replika", default=False)
_sudah_menulis: ContextVar[bool] = ContextVar("ekinerja_sudah_menulis", default=False)
_mati_sampai: dict[str, float] = {}
_kunci = threading.Lock()


def alias_replika() -> list[str]:
    return [a for a in connections.settings if a.startswith(AWALAN)]


@contextlib.contextmanager
def baca_replika() -> Iterator[None]:
    """Reads in this block tolerate lag: they may be answered by a replica."""
    token = _baca_replika.set(True)
    try:
        yield
    finally:
        _baca_replika.reset(token)


def boleh_replika(view: Callable) -> Callable:
    """Mark a view whose reads tolerate lag (a dashboard, an export, a report)."""

    @functools.wraps(view)
    def dibungkus(*args, **kwargs):
        with baca_replika():
            return view(*args, **kwargs)

    return dibungkus


def tandai_menulis() -> None:
    _sudah_menulis.set(True)


def mulai_permintaan(**kwargs) -> None:
    """A new request has written nothing yet (connected to ``request_started``)."""
    _sudah_menulis.set(False)


request_started.connect(mulai_permintaan, dispatch_uid="ekinerja.replika.mulai_permintaan")


def _replika_hidup() -> str | None:
    """A replica that accepts a connection now, or None (each failure is logged once)."""
    calon = alias_replika()
    random.shuffle(calon)
    sekarang = time.monotonic()
    for alias in calon:
        with _kunci:
            if _mati_sampai.get(alias, 0.0) > sekarang:
                continue
        koneksi = connections[alias]
        try:
            # The health check of CONN_HEALTH_CHECKS: a kept connection to a replica that has
            # gone away is closed here (once a request), then a new one is tried.
            koneksi.close_if_health_check_failed()
            koneksi.ensure_connection()
        except DatabaseError as galat:
            with _kunci:
                _mati_sampai[alias] = time.monotonic() + JEDA_MATI
            logger.warning(
                "Replika %s tidak terjangkau, membaca dari primer selama %d detik: %s",
                alias,
                JEDA_MATI,
                str(galat).strip().splitlines()[0] if str(galat).strip() else type(galat).__name__,
            )
            with contextlib.suppress(Exception):
                koneksi.close()
            continue
        return alias
    return None


def lupakan_status() -> None:
    """Forget which replicas were found down (tests)."""
    with _kunci:
        _mati_sampai.clear()


class RuterReplika:
    """``DATABASE_ROUTERS`` entry; see the module's docstring."""

    def db_for_read(self, model, **hints) -> str:
        if not _baca_replika.get() or _sudah_menulis.get():
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return _replika_hidup() or DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        tandai_menulis()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # a replica holds the primary's rows

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS
