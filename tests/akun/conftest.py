"""Logging in through the real form, and the codes of an authenticator app."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

SANDI = "rahasia-uji-123"
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


def masuk(client, user, sandi=SANDI, ua=CHROME_ANDROID, ip="10.1.2.3", **data):
    """The password step through the login form."""
    return client.post(
        reverse("masuk"),
        {"username": user.nip, "password": sandi, **data},
        HTTP_USER_AGENT=ua,
        REMOTE_ADDR=ip,
    )


def kode_totp(perangkat: TOTPDevice, geser: int = 0) -> str:
    """The code the app shows now (``geser`` time steps later: a code not used yet)."""
    t = TOTP(perangkat.bin_key, perangkat.step, perangkat.t0, perangkat.digits, perangkat.drift)
    t.time = time.time() + geser * perangkat.step
    return f"{t.token():0{perangkat.digits}d}"


@pytest.fixture
def buat_totp():
    """``buat_totp(user)`` → a confirmed authenticator app of ``user``."""

    def _buat(user) -> TOTPDevice:
        return TOTPDevice.objects.create(user=user, name="Ponsel", confirmed=True)

    return _buat


def lewati_dua_langkah(client, perangkat: TOTPDevice, geser: int = 0):
    return client.post(
        reverse("akun_dua_langkah_verifikasi"), {"kode": kode_totp(perangkat, geser)}
    )
