"""The banners of every page (``spanduk``): one cached read, no query once cached."""

from __future__ import annotations

from .selectors import KUNCI_SESI, spanduk


def spanduk_halaman(request):
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.boosted:
        return {}  # fragments carry no banner
    tersimpan = getattr(request, "_pengumuman_spanduk", None)
    if tersimpan is None:
        sesi = getattr(request, "session", None)
        ditutup = set(sesi.get(KUNCI_SESI, ())) if sesi is not None else set()
        tersimpan = request._pengumuman_spanduk = {
            "spanduk": spanduk(getattr(request, "user", None), ditutup)
        }
    return tersimpan
