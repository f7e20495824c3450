"""``GET /healthz``: what a load balancer or ``docker compose`` asks before sending traffic."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from ekinerja import health
from ekinerja.celery import app as celery_app

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


def test_answers_ok_with_database_and_broker_state(client, db):
    resp = client.get(reverse("healthz"))  # anonymous: no login redirect
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/json"
    assert "no-cache" in resp["Cache-Control"]
    data = resp.json()
    assert data["status"] == "ok"
    assert data["database"]["ok"] is True
    assert data["database"]["engine"] in {"sqlite", "postgresql"}
    assert data["broker"]["ok"] is True
    assert data["broker"]["transport"] in {"filesystem", "redis"}


def test_unreachable_broker_answers_503(client, db, broker_mati):
    # No timing here (timings belong in bench/): the check gives up after one retry.
    resp = client.get(reverse("healthz"))
    assert resp.status_code == 503
    data = resp.json()
    assert data["status"] == "gagal"
    assert data["broker"] == {"ok": False, "transport": "redis", "error": "OperationalError"}
    assert data["database"]["ok"] is True


def test_unreachable_database_answers_503(client, db, monkeypatch):
    monkeypatch.setattr(health, "connection", DatabaseMati())
    resp = client.get(reverse("healthz"))
    assert resp.status_code == 503
    assert resp.json()["database"] == {
        "ok": False,
        "engine": "postgresql",
        "error": "OperationalError",
    }


def test_only_get(client, db):
    assert client.post(reverse("healthz")).status_code == 405
