"""Read replicas (issue 13 §2; inti/replika.py): a REAL streaming replica of a private
PostgreSQL (``pg_basebackup -R`` into a temporary folder, started on another loopback port,
stopped after).  The app runs in a subprocess with the production settings and
``DATABASE_REPLICA_URLS``; every query is recorded with the alias that ran it."""

from __future__ import annotations

import contextlib

import pytest

from tests.skala.conftest import Replika, jalankan_skenario, lingkungan, siapkan_data, tunggu

pytestmark = [pytest.mark.skala, pytest.mark.xdist_group("skala")]


@pytest.fixture(scope="module")
def replikasi(folder_sementara, primer):
    env = lingkungan(folder_sementara, DATABASE_URL=primer.url())
    data = siapkan_data(env)  # on the primary, before the base backup
    replika = Replika(folder_sementara / "replika", primer)
    replika.siapkan()
    try:
        tunggu(
            lambda: replika.psql("SELECT pg_is_in_recovery()") == "t",
            30,
            0.2,
            "replika tidak berjalan sebagai standby",
        )
        tunggu(
            lambda: (
                primer.psql("SELECT count(*) FROM pg_stat_replication WHERE state='streaming'")
                == "1"
            ),
            30,
            0.2,
            "replika tidak mengalir (streaming)",
        )
        env["DATABASE_REPLICA_URLS"] = replika.url()
        yield env, data, replika
    finally:
        with contextlib.suppress(Exception):
            replika.berhenti("immediate")


def test_dasbor_dari_replika_tulisan_dan_sesudahnya_dari_primer_lalu_jatuh_ke_primer(replikasi):
    env, data, replika = replikasi
    hasil = jalankan_skenario(env, "replika", data)
    # The aliases are what they claim: replika_1 is a standby, default the primary.
    assert hasil["pemulihan"] == {"default": False, "replika_1": True}

    # (a) The dashboard's reads are answered by the replica; the primary only serves what
    # runs before the view (the session's user).
    dasbor = hasil["dasbor"]
    assert dasbor["status"] == 200
    assert dasbor["per_alias"].get("replika_1", 0) >= 5, dasbor["per_alias"]
    assert dasbor["per_alias"]["replika_1"] > dasbor["per_alias"].get("default", 0)

    # (b) A request that writes: reads before the write may go to the replica, the write
    # and every query after it (the whole dashboard) go to the primary.
    tulis = hasil["tulis"]
    assert tulis["status"] == 200 and tulis["dasbor"]
    kueri = tulis["kueri"]
    i_tulis = next(
        i for i, (_, sql) in enumerate(kueri) if sql.upper().startswith(("INSERT", "UPDATE"))
    )
    assert kueri[i_tulis][0] == "default"
    assert any(alias == "replika_1" for alias, _ in kueri[:i_tulis]), kueri[:i_tulis]
    sesudah = kueri[i_tulis + 1 :]
    assert len(sesudah) >= 5  # the dashboard was read after the write …
    assert {alias for alias, _ in sesudah} == {"default"}, sesudah  # … on the primary only
    # The replica streams: the row written on the primary arrives there.
    tunggu(
        lambda: (
            replika.psql(
                "SELECT count(*) FROM pegawai_riwayat WHERE aksi='uji_skala'", db="ekinerja"
            )
            == "1"
        ),
        30,
        0.2,
        "tulisan primer tidak sampai ke replika",
    )

    # (c) The replica stops: the dashboard still answers 200, from the primary, with a
    # warning in the log instead of an error.
    replika.berhenti("fast")
    mati = jalankan_skenario(env, "replika_mati", data)
    assert mati["status"] == 200
    assert mati["per_alias"].get("replika_1", 0) == 0
    assert mati["per_alias"]["default"] >= 5
    peringatan = [c for c in mati["log"] if c.startswith("WARNING ekinerja.replika")]
    assert peringatan and "replika_1" in peringatan[0], mati["log"]
