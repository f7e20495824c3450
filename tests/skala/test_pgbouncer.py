"""PgBouncer in transaction mode (issue 13 §3; docs/operasi.md, "PgBouncer"): Debian's
pgbouncer (scripts/pgbouncer.sh installs it in CI) in front of a private PostgreSQL, with two
server connections used in turn, and real requests through it with ``DATABASE_POOLER=pgbouncer``:
an activity entry (its transaction and advisory lock), a page streaming a queryset with
``.iterator()``, the summary rebuild, the review queue."""

from __future__ import annotations

import contextlib

import pytest

from tests.skala.conftest import PgBouncer, jalankan_skenario, lingkungan, perlu, siapkan_data

pytestmark = [pytest.mark.skala, pytest.mark.xdist_group("skala")]


@pytest.fixture(scope="module")
def bouncer(folder_sementara, primer):
    perlu("pgbouncer")
    data = siapkan_data(lingkungan(folder_sementara, DATABASE_URL=primer.url()))
    pgb = PgBouncer(folder_sementara, primer)
    pgb.mulai()
    try:
        yield pgb, data
    finally:
        with contextlib.suppress(Exception):
            pgb.berhenti()


def test_permintaan_nyata_lewat_pgbouncer_mode_transaksi(bouncer, folder_sementara):
    pgb, data = bouncer
    env = lingkungan(folder_sementara, DATABASE_URL=pgb.url(), DATABASE_POOLER="pgbouncer")
    hasil = jalankan_skenario(env, "pgbouncer", data)
    assert hasil["tanpa_kursor_server"] is True
    assert hasil["prepare_threshold"] is None
    # Eight entries (more than psycopg's prepare threshold), each in a transaction holding
    # pg_advisory_xact_lock: all stored.
    assert hasil["kiriman"] == [302] * 8, (hasil["kiriman"], pgb.log())
    assert hasil["tersimpan"] == 8
    assert hasil["iterasi"]["status"] == 200
    assert hasil["iterasi"]["baris"] == 9  # every pegawai of tests/gangguan/siapkan.py
    assert hasil["ringkasan"] >= 1 and hasil["ringkasan_unit"] >= 1
    assert hasil["tinjau"] == 200
    # Django's SET TIME ZONE is a parameter PgBouncer carries to whichever server connection.
    assert hasil["zona_waktu"] == ["UTC"]


def test_tanpa_pengaturan_pooler_iterator_gagal(bouncer, folder_sementara):
    """The control: the same page without DATABASE_POOLER uses a server-side cursor, which
    transaction pooling loses between two statements."""
    pgb, data = bouncer
    env = lingkungan(folder_sementara, DATABASE_URL=pgb.url())
    hasil = jalankan_skenario(env, "pgbouncer_tanpa_pengaturan", data)
    assert "galat" in hasil and "does not exist" in hasil["galat"], hasil
