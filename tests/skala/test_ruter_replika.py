"""The replica router's decisions without servers (inti/replika.py); the real streaming
replica is tests/skala/test_replika.py."""

from __future__ import annotations

import pytest
from django.core.signals import request_started
from django.db import transaction

from inti import replika
from pegawai.models import Pegawai


@pytest.fixture
def ruter(monkeypatch):
    monkeypatch.setattr(replika, "_replika_hidup", lambda: "replika_1")
    replika.mulai_permintaan()  # a new request: nothing written yet
    return replika.RuterReplika()


def test_di_luar_penanda_semua_ke_primer(ruter):
    assert ruter.db_for_read(Pegawai) == "default"


def test_penanda_ke_replika_sampai_menulis_lalu_primer_sampai_permintaan_baru(ruter):
    with replika.baca_replika():
        assert ruter.db_for_read(Pegawai) == "replika_1"
        assert ruter.db_for_write(Pegawai) == "default"
        assert ruter.db_for_read(Pegawai) == "default"
    with replika.baca_replika():
        assert ruter.db_for_read(Pegawai) == "default"  # the same request has written
    replika.mulai_permintaan()
    with replika.baca_replika():
        assert ruter.db_for_read(Pegawai) == "replika_1"


# request_started also closes stale connections (the database is needed), and outside a
# test transaction: inside one, every read goes to the primary.
@pytest.mark.django_db(transaction=True)
def test_permintaan_baru_menghapus_tanda_menulis(ruter):
    with replika.baca_replika():
        ruter.db_for_write(Pegawai)
        assert ruter.db_for_read(Pegawai) == "default"
    request_started.send(sender=None)
    with replika.baca_replika():
        assert ruter.db_for_read(Pegawai) == "replika_1"


def test_dekorator_view(ruter):
    @replika.boleh_replika
    def view(request):
        return ruter.db_for_read(Pegawai)

    assert view(None) == "replika_1"
    assert ruter.db_for_read(Pegawai) == "default"


@pytest.mark.django_db
def test_dalam_transaksi_primer_ke_primer(ruter):
    with replika.baca_replika(), transaction.atomic():
        assert ruter.db_for_read(Pegawai) == "default"


def test_migrasi_hanya_di_primer(ruter):
    assert ruter.allow_migrate("default", "pegawai") is True
    assert ruter.allow_migrate("replika_1", "pegawai") is False
