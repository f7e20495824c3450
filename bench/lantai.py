"""The floor: a bare Django view that does one INSERT and nothing else.

It runs through the same gunicorn workers, middleware stack and database connection as the
product's pages, without authentication, forms, templates or business rules, so that
"product latency ÷ floor latency" says what the application itself costs.  Its table is
the benchmark's own (created by ``bench.beban``), shaped like a small ``Aktivitas``.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

TABEL = "bench_lantai"
SQL_TABEL = f"""
CREATE TABLE IF NOT EXISTS {TABEL} (
    id bigserial PRIMARY KEY,
    pegawai_id bigint NOT NULL,
    tanggal date NOT NULL,
    uraian text NOT NULL,
    dibuat timestamptz NOT NULL DEFAULT now()
)
"""


@csrf_exempt
@require_POST
def lantai(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {TABEL} (pegawai_id, tanggal, uraian) VALUES (%s, %s, %s)",  # noqa: S608
            [int(request.POST.get("pegawai", 0)), dt.date.today(), request.POST.get("uraian", "")],
        )
    return HttpResponse("ok", content_type="text/plain")
