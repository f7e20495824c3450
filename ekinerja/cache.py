"""A Redis cache that is an optimisation, never a gate.

Django's ``RedisCache`` raises when Redis is unreachable, and every page that touches the
cache then answers 500.  ``CacheTangguh`` reads an unreachable Redis as a miss and a write
to it as a no-op, and logs the outage once per interval (not once per request, which would
flood the log of a busy server).  Nothing that must survive is kept in the cache: sessions
and the login throttle live in the database.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

# Seconds between two log lines about the same outage.
JEDA_LOG_DETIK = 60
# Keys of failed writes remembered per process (beyond it they expire on their own).
MAKS_KUNCI_BASI = 10_000
# After a failure, Redis is not asked again for this long: a page makes a dozen cache calls,
# and a host that does not answer would cost each of them the connect timeout.
JEDA_COBA_DETIK = 2.0


def _galat_koneksi() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class KlienRedis(RedisCacheClient):
    """Django's client, with one ``redis.Redis`` per connection pool instead of a new one per
    cache call: building one copies its ~200 response callbacks, which cost a page of a
    dozen cache calls about a millisecond of CPU (measured with ``bench.profil``).  A
    ``redis.Redis`` is safe to share between threads: each command takes a connection from
    the pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._klien: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        klien = self._klien.get(id(pool))
        if klien is None:
            klien = self._klien[id(pool)] = self._client(connection_pool=pool)
        return klien


class CacheTangguh(RedisCache):
    """``RedisCache`` whose connection failures read as a miss (see the module docstring).

    A write that fails (set, delete, ...) leaves Redis holding the old value: a session
    ended during the outage (``cached_db`` sessions) would come back once Redis does.  So the
    keys of failed writes are remembered and deleted on the first operation that reaches
    Redis again; readers then fall back to the database.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KlienRedis  # RedisCache.__init__ sets Django's
        self._galat = _galat_koneksi()
        self._log_terakhir = float("-inf")
        self._kunci = threading.Lock()
        self.jumlah_galat = 0
        self._basi: set[str] = set()  # full keys whose write failed: stale in Redis
        self._coba_lagi = float("-inf")  # monotonic time before which Redis is not asked

    def _catat(self, operasi: str, exc: BaseException) -> None:
        sekarang = time.monotonic()
        with self._kunci:
            self.jumlah_galat += 1
            if sekarang - self._log_terakhir < JEDA_LOG_DETIK:
                return
            self._log_terakhir = sekarang
            jumlah, self.jumlah_galat = self.jumlah_galat, 0
        logger.warning(
            "Cache Redis tidak tersedia (%s: %s); dibaca sebagai kosong. "
            "%d kegagalan sejak catatan terakhir.",
            operasi,
            type(exc).__name__,
            jumlah,
        )

    def _tandai_basi(self, kunci, version) -> None:
        with self._kunci:
            if len(self._basi) >= MAKS_KUNCI_BASI:
                return  # the log already says Redis is away; entries expire by themselves
            self._basi.update(self.make_and_validate_key(k, version=version) for k in kunci)

    def _bersihkan_basi(self) -> None:
        """Delete what failed writes left behind, before anything else reads it."""
        if not self._basi:
            return
        with self._kunci:
            basi, self._basi = list(self._basi), set()
        try:
            self._cache.delete_many(basi)
        except self._galat:
            with self._kunci:
                self._basi.update(basi)
            raise
        logger.info("Cache Redis kembali; %d kunci yang basi dihapus.", len(basi))

    def _tutup(self) -> bool:
        """Whether Redis failed a moment ago (then the call is not even tried)."""
        return time.monotonic() < self._coba_lagi

    def _gagal(self, operasi: str, exc: BaseException) -> None:
        self._coba_lagi = time.monotonic() + JEDA_COBA_DETIK
        self._catat(operasi, exc)

    def _aman(self, operasi, gagal, fungsi, *args, tulis=(), version=None):
        if self._tutup():
            if tulis:
                self._tandai_basi(tulis, version)
            return gagal
        try:
            self._bersihkan_basi()
            return fungsi(*args)
        except self._galat as exc:
            self._gagal(operasi, exc)
            if tulis:
                self._tandai_basi(tulis, version)
            return gagal

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._aman(
            "add", False, super().add, key, value, timeout, version, tulis=[key], version=version
        )

    def get(self, key, default=None, version=None):
        return self._aman("get", default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._aman(
            "set", None, super().set, key, value, timeout, version, tulis=[key], version=version
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._aman("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._aman(
            "delete", False, super().delete, key, version, tulis=[key], version=version
        )

    def get_many(self, keys, version=None):
        return self._aman("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._aman("has_key", False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        try:
            if self._tutup():
                raise ConnectionError("Redis gagal sesaat yang lalu")
            self._bersihkan_basi()
            return super().incr(key, delta, version)
        except self._galat as exc:  # the builtin ConnectionError is an OSError
            if not self._tutup():
                self._gagal("incr", exc)
            self._tandai_basi([key], version)
            # What Django raises for a missing key: callers already handle it.
            raise ValueError(f"Key '{key}' not found (cache tidak tersedia).") from exc

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # On failure every key failed to be stored, as BaseCache.set_many reports it.
        return self._aman(
            "set_many",
            list(data),
            super().set_many,
            data,
            timeout,
            version,
            tulis=list(data),
            version=version,
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._aman(
            "delete_many", None, super().delete_many, keys, version, tulis=keys, version=version
        )

    def clear(self):
        return self._aman("clear", False, super().clear)
