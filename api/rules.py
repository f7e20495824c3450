"""Pure functions of the API: token format and hash, the rate-limit window, the cursor.

No ORM, no request: tested in ``tests/api/test_rules_api.py``.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import secrets

#: ``ekn_`` + 8 hex characters (the visible prefix) + ``_`` + the secret.
AWALAN_TOKEN = "ekn_"
PANJANG_AWALAN = 8
#: Longest lifetime of a token (days) and the choices offered by the form.
MASA_BERLAKU_HARI = (30, 90, 180, 365)


def buat_token() -> tuple[str, str, str]:
    """A new token: (the whole token shown once, its visible prefix, its SHA-256)."""
    awalan = AWALAN_TOKEN + secrets.token_hex(PANJANG_AWALAN // 2)
    token = f"{awalan}_{secrets.token_urlsafe(32)}"
    return token, awalan, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def bentuk_sah(token: str) -> bool:
    """Whether a string can be a token at all (no database read for garbage)."""
    return (
        token.startswith(AWALAN_TOKEN)
        and len(token) > len(AWALAN_TOKEN) + PANJANG_AWALAN + 20
        and token[len(AWALAN_TOKEN) + PANJANG_AWALAN] == "_"
    )


# --- rate limit -------------------------------------------------------------------------------
def jendela_laju(waktu: dt.datetime, detik: int = 60) -> tuple[int, int]:
    """(window number, seconds until it ends) of a fixed window of ``detik`` seconds."""
    detik_epoch = int(waktu.timestamp())
    return detik_epoch // detik, detik - detik_epoch % detik


# --- cursor pagination ------------------------------------------------------------------------
def kode_kursor(tanggal: dt.date, jam: dt.time, pk: int) -> str:
    """An opaque cursor after the row (tanggal, jam_mulai, pk) of a list in that order."""
    teks = f"{tanggal.isoformat()}|{jam.strftime('%H:%M:%S')}|{pk}"
    return base64.urlsafe_b64encode(teks.encode()).decode().rstrip("=")


def baca_kursor(kursor: str) -> tuple[dt.date, dt.time, int]:
    """The row a cursor points after; ``ValueError`` for anything not made by kode_kursor."""
    try:
        teks = base64.urlsafe_b64decode(kursor + "=" * (-len(kursor) % 4)).decode()
        tanggal, jam, pk = teks.split("|")
        return dt.date.fromisoformat(tanggal), dt.time.fromisoformat(jam), int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError) as e:
        raise ValueError("kursor tidak sah") from e
