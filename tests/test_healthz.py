"""Liveness (``/healthz``) and readiness (``/readyz``): what a load balancer or ``docker
compose`` asks before sending traffic.  Only the database decides readiness: with the
broker down the web still serves everyone (issue 22)."""

import datetime as dt
import threading

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from ekinerja import health
from ekinerja.celery import app as celery_app
from pegawai.services import antrean

BROKER_MATI = "redis://127.0.0.1:1/0"  # port 1: nothing listens, the refusal is immediate


@pytest.fixture
def broker_mati(settings, monkeypatch):
    """Point the broker at a closed port.

    Overriding the Django setting is enough: ``app.config_from_object("django.conf:settings")``
    reads through to the settings object on each access.  Patching ``app.conf.broker_url``
    instead would pin a value in the app's ``changes`` map that outlives the test.
    """
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)  # celery reads it before settings
    settings.CELERY_BROKER_URL = BROKER_MATI
    assert celery_app.conf.broker_url == BROKER_MATI


class DatabaseMati:
    vendor = "postgresql"

    def cursor(self):
        raise OperationalError("connection refused")


def test_healthz_hanya_menjawab_hidup(client, db, monkeypatch, broker_mati):
    # Alive means the process answers: neither the database nor the broker is asked.
    monkeypatch.setattr(health, "connection", DatabaseMati())
    resp = client.get(reverse("healthz"))  # anonymous: no login redirect
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/json"
    assert "no-cache" in resp["Cache-Control"]
    assert resp.json()["status"] == "ok"


def test_readyz_siap_dengan_keadaan_broker_worker_beat(client, db):
    antrean.catat_detak("beat")
    resp = client.get(reverse("readyz"))
    assert resp.status_code == 200
    assert "no-cache" in resp["Cache-Control"]
    data = resp.json()
    assert data["status"] == "ok"
    assert data["database"]["ok"] is True
    assert data["database"]["engine"] in {"sqlite", "postgresql"}
    assert data["broker"]["ok"] is True
    assert data["broker"]["transport"] in {"filesystem", "redis"}
    assert data["broker"]["antrean"]["celery"] >= 0
    assert data["worker"]["mode"] == "eager"  # the tests run tasks in-process
    assert data["beat"]["ok"] is True
    assert data["beat"]["umur_detik"] < 5
    assert data["beat"]["tugas_tertunda"] == 0


def test_broker_mati_tetap_siap(client, db, broker_mati):
    # A load balancer must keep the node: the web serves everyone without the broker.
    resp = client.get(reverse("readyz"))
    assert resp.status_code == 200
    data = resp.json()
    assert data["status"] == "ok"
    assert data["broker"] == {"ok": False, "transport": "redis", "error": "OperationalError"}
    assert data["database"]["ok"] is True


def test_detak_beat_lama_dilaporkan_tanpa_menggagalkan(client, db):
    lama = timezone.now() - dt.timedelta(minutes=20)
    antrean.catat_detak("beat", lama)
    resp = client.get(reverse("readyz"))
    assert resp.status_code == 200
    assert resp.json()["beat"]["ok"] is False


def test_database_mati_tidak_siap(client, db, monkeypatch):
    monkeypatch.setattr(health, "connection", DatabaseMati())
    resp = client.get(reverse("readyz"))
    assert resp.status_code == 503
    data = resp.json()
    assert data["status"] == "gagal"
    assert data["database"] == {"ok": False, "engine": "postgresql", "error": "OperationalError"}


def test_database_lambat_tidak_siap_dalam_batas(client, db, monkeypatch, settings):
    settings.EKINERJA_READYZ_DB_DETIK = 0.2
    lepas = threading.Event()
    monkeypatch.setattr(health, "_select_1", lambda: lepas.wait(5))
    try:
        resp = client.get(reverse("readyz"))
    finally:
        lepas.set()
    assert resp.status_code == 503
    assert resp.json()["database"]["error"] == "Timeout"


def test_hanya_get_dan_head(client, db):
    assert client.head(reverse("readyz")).status_code == 200  # some balancers ask with HEAD
    assert client.post(reverse("healthz")).status_code == 405
    assert client.post(reverse("readyz")).status_code == 405


def test_halaman_status_admin(client, org, django_assert_max_num_queries):
    antrean.catat_detak("beat")
    client.force_login(org.admin)
    with django_assert_max_num_queries(12):
        resp = client.get(reverse("status_layanan"))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Status layanan" in html
    assert "Detak beat terakhir" in html
    assert "tugas menunggu" in html
    assert len(resp.content) <= 30 * 1024
    client.force_login(org.staf)
    assert client.get(reverse("status_layanan")).status_code == 403
