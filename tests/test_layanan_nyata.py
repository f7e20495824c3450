"""In CI the suite runs on the machine's real PostgreSQL and Redis, never a silent fallback."""

import os

import pytest
from django.conf import settings
from django.db import connection

WAJIB = os.environ.get("EKINERJA_WAJIB_LAYANAN_NYATA") == "1"


@pytest.mark.skipif(not WAJIB, reason="hanya di CI (EKINERJA_WAJIB_LAYANAN_NYATA=1)")
@pytest.mark.django_db
def test_database_adalah_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cur:
        cur.execute("SELECT version()")
        assert "PostgreSQL" in cur.fetchone()[0]


@pytest.mark.skipif(not WAJIB, reason="hanya di CI (EKINERJA_WAJIB_LAYANAN_NYATA=1)")
def test_broker_adalah_redis_yang_hidup():
    import redis

    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping() is True
