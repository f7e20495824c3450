"""The login throttle, counted in the database.

It used to live in the cache; with Redis down nobody could sign in (the cache raised) and,
once the cache read as empty, a lockout would have been lifted by stopping Redis.  A failed
login is rare enough for one small row write; a NIP is stored only as a hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time

from django.db import IntegrityError, transaction
from django.db.models import Q

from pegawai.models import PercobaanMasuk


def _sekarang() -> dt.datetime:
    # From time.time(), as the cache's expiry was: the tests move the clock through it.
    return dt.datetime.fromtimestamp(time.time(), tz=dt.UTC)


def _kunci(jenis: str, nip: str) -> str:
    # Hashed: whatever was typed becomes a key of fixed length, and no NIP is stored.
    return hashlib.sha256(f"{jenis}:{nip}".encode()).hexdigest()


def _baris_terkunci(kunci: str, sekarang: dt.datetime) -> PercobaanMasuk:
    """The counter row of ``kunci``, locked for this transaction (created when missing)."""
    try:
        with transaction.atomic():
            PercobaanMasuk.objects.get_or_create(kunci=kunci, defaults={"sejak": sekarang})
    except IntegrityError:  # created by a concurrent attempt: it exists now
        pass
    return PercobaanMasuk.objects.select_for_update().get(kunci=kunci)


def terkunci(nip: str) -> bool:
    return PercobaanMasuk.objects.filter(
        kunci=_kunci("masuk", nip), terkunci_sampai__gt=_sekarang()
    ).exists()


@transaction.atomic
def catat_gagal(nip: str, *, batas: int, detik: int) -> bool:
    """Count one failed login of ``nip``; return True when the NIP is (now) locked.

    Failures count within ``detik`` of the first one; the ``batas``-th locks the NIP for
    ``detik`` and starts the count afresh.
    """
    sekarang = _sekarang()
    baris = _baris_terkunci(_kunci("masuk", nip), sekarang)
    if baris.terkunci_sampai and baris.terkunci_sampai > sekarang:
        return True
    if baris.sejak <= sekarang - dt.timedelta(seconds=detik):
        baris.gagal, baris.sejak = 0, sekarang
    baris.gagal += 1
    kunci_nip = baris.gagal >= batas
    if kunci_nip:
        baris.terkunci_sampai = sekarang + dt.timedelta(seconds=detik)
        baris.gagal, baris.sejak = 0, sekarang
    baris.save(update_fields=["gagal", "sejak", "terkunci_sampai"])
    return kunci_nip


def berhasil(nip: str) -> None:
    """A successful login forgets the failures (never a running lock: it is checked first)."""
    PercobaanMasuk.objects.filter(kunci=_kunci("masuk", nip)).filter(
        Q(terkunci_sampai__isnull=True) | Q(terkunci_sampai__lte=_sekarang())
    ).delete()


def bersihkan_percobaan(simpan_detik: int = 24 * 60 * 60) -> int:
    """Forget counters older than a day that hold no running lock (the hourly sweep)."""
    batas = _sekarang() - dt.timedelta(seconds=simpan_detik)
    jumlah, _ = (
        PercobaanMasuk.objects.filter(sejak__lt=batas)
        .filter(Q(terkunci_sampai__isnull=True) | Q(terkunci_sampai__lt=_sekarang()))
        .delete()
    )
    return jumlah
