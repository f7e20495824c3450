"""Prepared statements on a direct PostgreSQL connection (docs/operasi.md, "Pernyataan siap"):
parameters bound by the server and a query repeated more than five times prepared there, so
that PostgreSQL plans it once per connection instead of on every page."""

import pytest
from django.db import connection

from pegawai.models import Instansi

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's (CI)"
)


def _disiapkan(potongan: str) -> list[tuple[str, int, int]]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE %s",
            [f"%{potongan}%"],
        )
        return cur.fetchall()


def test_koneksi_langsung_mengikat_di_server_dan_menyiapkan(db):
    from django.conf import settings

    assert settings.DB_PERNYATAAN_SIAP
    assert connection.features.uses_server_side_binding
    connection.ensure_connection()
    assert connection.connection.prepare_threshold == 5
    ciri = '"pegawai_instansi"."kode" = $1'
    kueri = Instansi.objects.filter(kode="TIDAK-ADA")
    for _ in range(3):
        list(kueri.all())
    assert _disiapkan(ciri) == []  # not yet: fewer uses than the threshold
    for _ in range(5):
        list(kueri.all())
    siap = _disiapkan(ciri)
    assert len(siap) == 1, "kueri yang diulang tidak disiapkan"
    _statement, generik, khusus = siap[0]
    assert generik + khusus >= 1  # executed as prepared
