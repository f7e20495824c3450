"""Bench-only middleware: how many SQL queries a request cost, in a response header.

Enabled in :mod:`bench.settings_bench` only, as the outermost middleware, so that the count
includes the session, authentication and account middlewares and the session save at the
end.  ``bench.klien`` reads the header and ``bench.beban`` reports it per scenario next to
the page's HTML bytes (the ``kueri`` and ``HTML KB`` columns of issue 12's summary).

It counts with ``connection.execute_wrapper`` (every ``execute`` and ``executemany`` through
the default connection, whatever layer sends it); nothing is logged or kept.
"""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse

HEADER = "X-Jumlah-Kueri"


class Penghitung:
    """An ``execute_wrapper``: counts the statements that pass through it."""

    def __init__(self) -> None:
        self.jumlah = 0

    def __call__(self, execute, sql, params, many, context):
        self.jumlah += 1
        return execute(sql, params, many, context)


class HitungKueriMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        hitung = Penghitung()
        with connection.execute_wrapper(hitung):
            response = self.get_response(request)
        response[HEADER] = str(hitung.jumlah)
        return response
