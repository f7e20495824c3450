"""The Celery application.

Production uses Redis as the broker (``REDIS_URL``).  Without it — ``make run`` on a
fresh machine — kombu's filesystem transport under ``var/broker`` lets a real worker and
beat run with nothing else installed.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekinerja.settings")

app = Celery("ekinerja")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
