"""A retry racing its own first attempt (same idempotency key) gets the success the first
attempt earned, never "bertumpang tindih" naming its own text (issue 22).

The race is made exact with events: one request has stored its row and not yet committed
when the other arrives.  Without serialisation the late one would miss the uncommitted row,
then — once the first commits — be refused by the overlap check.
"""

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from aktivitas.models import Aktivitas
from aktivitas.services import harian as akt
from pegawai.models import Riwayat
from tests.aktivitas.conftest import HARI
from tests.aktivitas.test_idempotensi import isian
from tests.bersamaan import bersamaan

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the race needs concurrent transactions; SQLite serialises writes (CI: PostgreSQL)",
)

URL = reverse("aktivitas_harian") + f"?tanggal={HARI.isoformat()}"


def _klien(pegawai) -> Client:
    c = Client()
    c.force_login(pegawai)
    return c


@pytest.mark.parametrize("duluan", ["asli", "ulang"])
@pytest.mark.django_db(transaction=True)
def test_kiriman_ulang_bersamaan_mendapat_keberhasilan_yang_sama(org, monkeypatch, duluan):
    kunci = str(uuid.uuid4())
    susulan = "ulang" if duluan == "asli" else "asli"
    tersimpan = threading.Event()  # the first has inserted its row (not committed)
    kedua_memeriksa = threading.Event()  # the second has passed its key lookup
    pertama_selesai = threading.Event()  # the first has committed and answered

    catat_riwayat_asli = akt.catat_riwayat
    periksa_asli = akt.periksa_aktivitas

    def catat_riwayat(**kw):
        if threading.current_thread().name == duluan:
            tersimpan.set()
            # Hold the transaction open until the second has looked its key up (without the
            # lock it does at once; with it, it waits for us and this times out).
            kedua_memeriksa.wait(timeout=2)
        return catat_riwayat_asli(**kw)

    def periksa(*args, **kw):
        if threading.current_thread().name == susulan:
            kedua_memeriksa.set()
            pertama_selesai.wait(timeout=10)  # the overlap check then sees the first's row
        return periksa_asli(*args, **kw)

    monkeypatch.setattr(akt, "catat_riwayat", catat_riwayat)
    monkeypatch.setattr(akt, "periksa_aktivitas", periksa)
    klien = {"asli": _klien(org.staf), "ulang": _klien(org.staf)}

    def kirim(nama):
        def f():
            threading.current_thread().name = nama
            if nama == susulan:
                assert tersimpan.wait(timeout=10)
            r = klien[nama].post(URL, isian(kunci), follow=True)
            if nama == duluan:
                pertama_selesai.set()
            return r

        return f

    jawaban = dict(zip(("asli", "ulang"), bersamaan(kirim("asli"), kirim("ulang")), strict=True))
    for nama, r in jawaban.items():
        html = r.content.decode()
        assert r.status_code == 200, (nama, r.status_code)
        assert "Waktu ini bertumpang tindih" not in html, nama
        assert r.redirect_chain, (nama, "answered with the form instead of a success")
    assert "sudah tersimpan sebelumnya" in jawaban[susulan].content.decode()
    assert Aktivitas.objects.filter(pegawai=org.staf, kunci=kunci).count() == 1
    assert Riwayat.objects.filter(aksi="aktivitas.dicatat").count() == 1


@pytest.mark.django_db(transaction=True)
def test_dua_kiriman_dilepas_bersamaan_satu_baris(org):
    """Released at one barrier, many times: every answer is the one stored row."""
    for _ in range(5):
        kunci = uuid.uuid4()
        hasil = bersamaan(
            *[lambda: akt.catat_aktivitas(org.staf, org.staf, _data(), kunci) for _ in range(2)]
        )
        assert all(isinstance(h, tuple) for h in hasil), hasil
        assert {h[0].pk for h in hasil} == {Aktivitas.objects.get(kunci=kunci).pk}
        assert sorted(h[1] for h in hasil) == [False, True]
        Aktivitas.objects.filter(kunci=kunci).delete()


def _data():
    from tests.aktivitas.conftest import data

    return data()
