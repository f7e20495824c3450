"""Asking for a reset link tells nothing about a NIP (issue 14): the same page, message,
status and work on the request path whether the NIP exists or not; the e-mail is sent by the
worker, and only to an active pegawai with an e-mail address."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from kombu.exceptions import OperationalError

from inti import fragmen
from pegawai.models import Pegawai, TugasTertunda
from pegawai.tasks import kirim_tautan_reset_sandi

TIDAK_ADA = "199001012015031999"


@pytest.fixture
def staf(org):
    Pegawai.objects.filter(pk=org.staf.pk).update(email="staf@contoh.go.id")
    org.staf.refresh_from_db()
    return org.staf


@pytest.fixture
def antrean(monkeypatch):
    """The tasks published by the request, instead of running them (as a real broker would)."""
    terbit = []

    def apply_async(args=None, kwargs=None, **opsi):
        terbit.append(tuple(args or ()))

    monkeypatch.setattr(kirim_tautan_reset_sandi, "apply_async", apply_async)
    return terbit


def tanpa_token(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", html)


def minta(client, nip: str):
    # Each request from the same start: the page's chrome drawn afresh (inti/fragmen.py), so
    # that the templates rendered compare like with like.
    fragmen.kosongkan()
    with CaptureQueriesContext(connection) as kueri:
        r = client.post(reverse("reset_sandi"), {"nip": nip})
    halaman = client.get(r.url) if r.status_code == 302 else r
    return r, halaman, kueri


def test_jawaban_sama_untuk_nip_ada_dan_tidak_ada(client, staf, antrean):
    ada, halaman_ada, kueri_ada = minta(client, staf.nip)
    tidak, halaman_tidak, kueri_tidak = minta(client, TIDAK_ADA)

    assert ada.status_code == tidak.status_code == 302
    assert ada.url == tidak.url == reverse("reset_sandi_terkirim")
    assert [t.name for t in ada.templates] == [t.name for t in tidak.templates]
    assert halaman_ada.status_code == halaman_tidak.status_code == 200
    assert [t.name for t in halaman_ada.templates] == [t.name for t in halaman_tidak.templates]
    assert tanpa_token(halaman_ada.content.decode()) == tanpa_token(halaman_tidak.content.decode())
    assert "Bila NIP tersebut terdaftar" in halaman_ada.content.decode()

    # The same work on the request path: no e-mail, no look-up of the NIP, one task each.
    assert mail.outbox == []
    assert len(kueri_ada) == len(kueri_tidak)
    assert not [k for k in kueri_ada.captured_queries if "pegawai_pegawai" in k["sql"]]
    assert [a[1:] for a in antrean] == [("testserver", "http", "id")] * 2
    assert [a[0] for a in antrean] == [staf.nip, TIDAK_ADA]


def test_email_hanya_untuk_nip_yang_ada_dan_dikirim_pekerja(client, staf, antrean):
    minta(client, staf.nip)
    minta(client, TIDAK_ADA)
    assert mail.outbox == []
    terkirim = [kirim_tautan_reset_sandi.apply(args=a).get() for a in antrean]
    assert terkirim == [1, 0]
    assert [m.to for m in mail.outbox] == [["staf@contoh.go.id"]]
    assert re.search(r"http://testserver/akun/reset/\S+/", mail.outbox[0].body)


def test_bahasa_email_mengikuti_pilihan_pengguna(client, staf, antrean, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    minta(client, staf.nip)
    assert antrean[0][3] == "en"


def test_broker_mati_jawaban_tetap_sama(client, staf, monkeypatch):
    def mati(*args, **kwargs):
        raise OperationalError("broker tidak ada")

    monkeypatch.setattr(kirim_tautan_reset_sandi, "apply_async", mati)
    ada, halaman_ada, _ = minta(client, staf.nip)
    tidak, halaman_tidak, _ = minta(client, TIDAK_ADA)
    assert ada.status_code == tidak.status_code == 302
    assert ada.url == tidak.url
    assert tanpa_token(halaman_ada.content.decode()) == tanpa_token(halaman_tidak.content.decode())
    # Both wait in the outbox alike; the sweep sends them once the broker is back.
    assert [t.argumen[0] for t in TugasTertunda.objects.order_by("id")] == [staf.nip, TIDAK_ADA]
    assert mail.outbox == []


def test_nip_salah_format_sama_untuk_siapa_pun(client, staf, antrean):
    r = client.post(reverse("reset_sandi"), {"nip": "12345"})
    assert r.status_code == 200
    assert "NIP terdiri atas 18 angka" in r.content.decode()
    assert antrean == []
