"""Fixtures of the SIASN synchronisation tests: an instansi whose admin is in the recorded
SIASN export (tests/sinkron/data/), and another instansi with its own admin."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.factories import InstansiFactory, PegawaiFactory

DATA = Path(__file__).parent / "data"
NIP_ADMIN = "198807152012122001"


def data(nama: str) -> bytes:
    return (DATA / nama).read_bytes()


@pytest.fixture
def siasn(db):
    instansi = InstansiFactory(kode="KABS", nama="Pemerintah Kabupaten SIASN")
    admin = PegawaiFactory(
        nip=NIP_ADMIN,
        nama="Rina Marlina",
        jenis_kelamin="P",
        instansi=instansi,
        is_admin_instansi=True,
    )
    instansi_lain = InstansiFactory(kode="LAINS", nama="Pemerintah Kota Lain")
    admin_lain = PegawaiFactory(nama="Admin Lain", instansi=instansi_lain, is_admin_instansi=True)
    staf = PegawaiFactory(nama="Bukan Admin", instansi=instansi)
    return SimpleNamespace(
        instansi=instansi,
        admin=admin,
        instansi_lain=instansi_lain,
        admin_lain=admin_lain,
        staf=staf,
    )


@pytest.fixture
def diterapkan_awal(siasn):
    """The first export applied: the instansi's organisation as SIASN describes it."""
    from sinkron.models import SinkronSiasn
    from sinkron.services import sinkron as services

    batch = services.periksa_berkas(
        siasn.admin, siasn.instansi, data("siasn_awal.csv"), "siasn_awal.csv"
    )
    assert batch.status == SinkronSiasn.Status.MENUNGGU, batch.kesalahan
    # applied a month ago, so that today's changes end those assignments yesterday
    sebulan_lalu = dt.date.today() - dt.timedelta(days=30)
    batch = services.setujui(siasn.admin, batch.pk, hari_ini=sebulan_lalu)
    assert batch.status == SinkronSiasn.Status.DITERAPKAN, batch.pesan
    return batch
