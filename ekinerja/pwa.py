"""The installable web app: ``GET /manifest.webmanifest`` and ``GET /sw.js`` at the site root.

The service worker's source is ``static/js/sw.js`` (plain JavaScript, no build step, nothing
from npm): this view serves it from the root so that its scope is the whole site, with its
configuration written in — the version (a hash of the worker and of the asset URLs, so a new
release installs a new worker), the static files to keep for offline use (their hashed names
in production) and the day page's path.  ``Cache-Control: no-cache`` with an ETag: the browser
asks every time and gets a 304 until something changed, so an update is never held back.

How the offline entry works, and its limits: docs/luring.md.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_GET

SUMBER_SW = "js/sw.js"
# Everything the day page needs to open without a network.  A file another page loads is
# kept too, the first time it is fetched (the worker caches every /static/ answer).
ASET = (
    "css/ekinerja.css",
    "css/aktivitas.css",
    "js/menu.js",
    "js/konfirmasi.js",
    "js/aktivitas.js",
    "js/luring.js",
    "js/foto.js",
    "django_htmx/htmx-2.min.js",
    "img/logo.svg",
    "img/ikon-192.png",
)
IKON = (
    ("img/ikon-192.png", "192x192", "any"),
    ("img/ikon-512.png", "512x512", "any"),
    ("img/ikon-maskable-512.png", "512x512", "maskable"),
)
WARNA_TEMA = "#0b5d4b"
WARNA_LATAR = "#f6f8f9"
# The JSON object between these markers in sw.js is replaced by the real configuration.
_KONFIGURASI = re.compile(r"/\*KONFIGURASI\*/.*?/\*AKHIR\*/", re.S)


def _url_aset(nama: str) -> str | None:
    try:
        return static(nama)
    except ValueError:  # not in the manifest of collected files: leave it out, do not fail
        return None


def _baca_sumber() -> str:
    jalur = finders.find(SUMBER_SW)
    if jalur:
        with open(jalur, encoding="utf-8") as f:
            return f.read()
    with staticfiles_storage.open(SUMBER_SW) as f:
        return f.read().decode("utf-8")


def _susun_sw() -> tuple[str, str]:
    """(the worker's source with its configuration, its version)."""
    sumber = _baca_sumber()
    aset = [u for u in (_url_aset(n) for n in ASET) if u]
    versi = hashlib.sha256((sumber + "\n".join(aset)).encode()).hexdigest()[:16]
    konfigurasi = {
        "versi": versi,
        "aset": aset,
        "hari": reverse("aktivitas_harian"),
        "statis": settings.STATIC_URL,
        # Hashed names (ManifestStaticFilesStorage): a URL never changes its content, so the
        # worker answers from its cache without asking.  Otherwise (development) it answers
        # from the cache and refreshes it behind.
        "berversi": hasattr(staticfiles_storage, "manifest_name"),
    }
    teks = json.dumps(konfigurasi, separators=(",", ":"))
    return _KONFIGURASI.sub(lambda _m: f"/*KONFIGURASI*/ {teks} /*AKHIR*/", sumber, 1), versi


_susun_sw_tetap = lru_cache(maxsize=1)(_susun_sw)


def _sw() -> tuple[str, str]:
    # In development the file changes under a running server: read it every time.
    return _susun_sw() if settings.DEBUG else _susun_sw_tetap()


@require_GET
@condition(etag_func=lambda request: _sw()[1])
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the root so that its scope is the whole site."""
    teks, _versi = _sw()
    resp = HttpResponse(teks, content_type="text/javascript; charset=utf-8")
    resp["Service-Worker-Allowed"] = "/"
    patch_cache_control(resp, no_cache=True)
    return resp


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: name, icons, colours; it opens on the day page."""
    nama = settings.EKINERJA_NAMA_APLIKASI
    data = {
        "id": "/",
        "name": nama,
        "short_name": nama,
        "description": _("Catat aktivitas harian, juga saat tidak ada sinyal."),
        "lang": get_language(),
        "start_url": reverse("aktivitas_harian"),
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": WARNA_TEMA,
        "background_color": WARNA_LATAR,
        "icons": [
            {"src": static(src), "sizes": ukuran, "type": "image/png", "purpose": tujuan}
            for src, ukuran, tujuan in IKON
        ],
    }
    resp = JsonResponse(data, content_type="application/manifest+json")
    patch_cache_control(resp, no_cache=True)
    return resp
