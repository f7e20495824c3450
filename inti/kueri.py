"""Several counts in one round trip to the database."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.models import QuerySet


def hitung_sekaligus(daftar: Sequence[QuerySet]) -> list[int]:
    """``[qs.count() for qs in daftar]`` as one query: ``SELECT (SELECT COUNT(*) …), …``.

    The menu badges and the header's unread count are small indexed counts; sent one by one
    they cost a round trip each on every page."""
    if not daftar:
        return []
    bagian, params = [], []
    for i, qs in enumerate(daftar):
        sql, p = qs.order_by().values("pk").query.get_compiler(qs.db).as_sql()
        # The SQL is Django's own compilation; every value stays a parameter.
        bagian.append(f"(SELECT COUNT(*) FROM ({sql}) AS hitung_{i})")  # noqa: S608
        params.extend(p)
    with connection.cursor() as cur:
        cur.execute("SELECT " + ", ".join(bagian), params)
        return [int(n) for n in cur.fetchone()]
