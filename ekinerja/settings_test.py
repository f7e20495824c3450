"""Settings for the test suite: the real settings with fast hashing and eager tasks.

The database is whatever ``DATABASE_URL`` says (PostgreSQL in CI), else SQLite.
"""

import os
import tempfile

from .settings import *  # noqa: F403
from .settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES = {
    **STORAGES,
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # A worker started by an integration test shares the test's folder through the env.
        "OPTIONS": {
            "location": os.environ.get("EKINERJA_TEST_MEDIA")
            or tempfile.mkdtemp(prefix="ekinerja-test-media-")
        },
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LANGUAGE_CODE = "id"
