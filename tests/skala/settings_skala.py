"""Settings of the processes the scale tests start (tests/skala/skenario.py): the production
settings of the fault suite (``DEBUG=false``, PostgreSQL from the environment, replicas from
``DATABASE_REPLICA_URLS``, PgBouncer with ``DATABASE_POOLER``) with a few test pages."""

from tests.gangguan.settings_gangguan import *  # noqa: F403

ROOT_URLCONF = "tests.skala.urls_skala"
# One process, no Redis: the cache stays in memory.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
