"""The REST API v1: one NinjaAPI with the feature routers, token auth on every endpoint,
problem details for every error, the OpenAPI 3 document and its Swagger UI served from the
package's own static files (``ninja`` in INSTALLED_APPS: no CDN)."""

from __future__ import annotations

import functools

from django.http import HttpResponseNotAllowed
from django.urls import URLPattern
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger

from api.views import aktivitas, instansi, realisasi, saya, tinjau
from api.views.dasar import TokenBearer, masalah, pasang_penangan

api = NinjaAPI(
    title="e-Kinerja API",
    version="1",
    description=(
        "API e-Kinerja (PermenPANRB 6/2022). Setiap permintaan memakai token "
        "(`Authorization: Bearer ekn_…`) yang dibuat di halaman profil → Token API; token "
        "bertindak dengan hak dan cakupan data pemiliknya. Galat memakai problem details "
        "(RFC 9457). Panduan: docs/api.md."
    ),
    auth=TokenBearer(),
    urls_namespace="api-v1",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
pasang_penangan(api)
for modul in (saya, aktivitas, realisasi, tinjau, instansi):
    api.add_router("", modul.router)


def _masalah_405(view):
    """Ninja answers a wrong method with a bare 405: give it the problem details shape."""

    @functools.wraps(view)
    def bungkus(request, *args, **kwargs):
        respons = view(request, *args, **kwargs)
        if respons.status_code == 405 and isinstance(respons, HttpResponseNotAllowed):
            return masalah(
                405,
                _("Metode tidak diizinkan"),
                _("Metode yang diterima: %(metode)s.") % {"metode": respons["Allow"]},
                kepala={"Allow": respons["Allow"]},
            )
        return respons

    return bungkus


def _urls():
    pola, app, ruang = api.urls
    for p in pola:
        if isinstance(p, URLPattern):
            p.callback = _masalah_405(p.callback)
    return pola, app, ruang


#: What ekinerja/urls.py mounts at ``api/v1/``.
urls = _urls()
