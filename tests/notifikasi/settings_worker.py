"""Settings of the Celery worker started by the notifikasi integration tests."""

from ekinerja.settings_test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "tests.notifikasi.surel_uji.GagalSekaliLaluTulis"
