"""The Celery application.

Production uses Redis as the broker (``REDIS_URL``).  Without it — ``make run`` on a
fresh machine — kombu's filesystem transport under ``var/broker`` lets a real worker and
beat run with nothing else installed.
"""

import os

from celery import Celery
from celery.worker.consumer import Consumer

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekinerja.settings")

# How a worker retries a lost broker: at once, then every second, at most every 2 s
# (kombu's default grows to 30 s, so a worker could notice the broker's return half a
# minute late).  Forever: CELERY_BROKER_CONNECTION_MAX_RETRIES = None.
JEDA_SAMBUNG_ULANG = {"interval_start": 0, "interval_step": 1, "interval_max": 2}


class KonsumenCepatPulih(Consumer):
    """The worker's consumer, reconnecting to the broker within seconds of its return."""

    def ensure_connected(self, conn):
        asli = conn.ensure_connection

        def sambung(errback=None, max_retries=None, **opsi):
            return asli(errback, max_retries, **{**JEDA_SAMBUNG_ULANG, **opsi})

        conn.ensure_connection = sambung
        return super().ensure_connected(conn)


app = Celery("ekinerja")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# One beat only: a second one waits on a Redis lock as a standby (ekinerja/beat_tunggal.py).
from . import beat_tunggal  # noqa: E402, F401
