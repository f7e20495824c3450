"""Two middlewares, both after ``AuthenticationMiddleware`` and django-otp's ``OTPMiddleware``:

- ``SesiMiddleware`` keeps the user's session list current (its "last active", at most once a
  minute) and makes a shared computer's session end after 30 idle minutes;
- ``DuaLangkahMiddleware`` lets a session that still owes the second step reach nothing but
  the pages of that step, logout, static files and the health check.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from akun import rules
from akun.selectors.dua_langkah import tahap_sesi
from akun.services.sesi import sentuh_sesi

# Reachable before the second step: its own pages, switching account and logging out, and the
# public files and checks a browser or a probe fetches on its own (health, service worker,
# web app manifest).
HALAMAN_BEBAS = (
    "akun_dua_langkah_setel",
    "akun_dua_langkah_verifikasi",
    "akun_dua_langkah_pemulihan",
    "masuk",
    "keluar",
    "healthz",
    "readyz",
    "sw",
    "manifest",
)


def _alihkan(request: HttpRequest, tujuan: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        # htmx would swap the page into a fragment; make it navigate.
        return HttpResponse(status=204, headers={"HX-Redirect": tujuan})
    return HttpResponseRedirect(tujuan)


class SesiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            sesi = request.session
            sekarang = timezone.now().timestamp()
            if sesi.get(rules.SESI_BERSAMA):
                if (
                    sekarang - sesi.get(rules.SESI_AKTIF, sekarang)
                    > rules.IDLE_KOMPUTER_BERSAMA_DETIK
                ):
                    # The session store's own expiry normally came first; this is for stores
                    # that do not expire sessions themselves (and keeps the rule in one place).
                    logout(request)
                    tujuan = f"{reverse('masuk')}?{urlencode({'next': request.path})}"
                    return _alihkan(request, tujuan)
                # A changed session is saved with a new expiry: the 30 minutes count from now.
                sesi[rules.SESI_AKTIF] = sekarang
            if sekarang - sesi.get(rules.SESI_DISENTUH, 0) >= rules.SENTUH_SESI_DETIK:
                sentuh_sesi(request)
        return self.get_response(request)


class DuaLangkahMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            tahap = tahap_sesi(request)
            if tahap != rules.TAHAP_BEBAS:
                # Read by pegawai's WajibGantiSandiMiddleware: the second step comes first.
                request.menunggu_dua_langkah = True
                if not self._bebas(request.path):
                    nama = (
                        "akun_dua_langkah_setel"
                        if tahap == rules.TAHAP_SETEL
                        else "akun_dua_langkah_verifikasi"
                    )
                    tujuan = reverse(nama)
                    if request.method == "GET" and not request.headers.get("HX-Request"):
                        tujuan += "?" + urlencode({"next": request.get_full_path()})
                    return _alihkan(request, tujuan)
        return self.get_response(request)

    @staticmethod
    def _bebas(path: str) -> bool:
        tepat = set()
        for nama in HALAMAN_BEBAS:
            try:
                tepat.add(reverse(nama))
            except NoReverseMatch:  # a public page this deployment does not have
                continue
        awalan = (settings.STATIC_URL, reverse("set_language").rsplit("/", 2)[0] + "/")
        return path in tepat or path.startswith(awalan)
