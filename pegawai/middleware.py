"""Send a pegawai who holds a temporary password to the password page until he changes it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


class WajibGantiSandiMiddleware:
    """Every page but the few needed to change the password (or leave) redirects.

    A temporary password is given by an operator or admin and often read out to the pegawai
    by a colleague; until he replaces it, the account is not his alone.  Place it after
    ``AuthenticationMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "wajib_ganti_sandi", False)
            # A session still owing the second step of login (akun) passes that first.
            and not getattr(request, "menunggu_dua_langkah", False)
            and not self._bebas(request.path)
        ):
            tujuan = reverse("ganti_sandi")
            if request.headers.get("HX-Request"):
                # htmx would swap the password page into a fragment; make it navigate.
                return HttpResponse(status=204, headers={"HX-Redirect": tujuan})
            return HttpResponseRedirect(tujuan)
        return self.get_response(request)

    @staticmethod
    def _bebas(path: str) -> bool:
        tepat = {
            reverse("ganti_sandi"),
            reverse("ganti_sandi_selesai"),
            reverse("keluar"),
            reverse("healthz"),
        }
        awalan = (settings.STATIC_URL, reverse("set_language").rsplit("/", 2)[0] + "/")
        return path in tepat or path.startswith(awalan)
