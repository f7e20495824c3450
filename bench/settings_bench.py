"""Settings of the load benchmark: the real settings, as production runs them, minus TLS.

``DEBUG`` off (cached templates, no query log), but no HTTPS redirect or secure cookies:
the benchmark talks plain HTTP on 127.0.0.1.  ``ROOT_URLCONF`` adds the floor view.
Imported by the gunicorn workers that ``bench.beban`` starts (``DJANGO_SETTINGS_MODULE``).

The outermost middleware counts each request's SQL queries into the ``X-Jumlah-Kueri``
response header (``bench/kueri_hitung.py``; the benchmark reports it per page).
"""

from ekinerja.settings import *  # noqa: F403
from ekinerja.settings import MIDDLEWARE, STORAGES

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls_bench"
MIDDLEWARE = ["bench.kueri_hitung.HitungKueriMiddleware", *MIDDLEWARE]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
SECURE_PROXY_SSL_HEADER = None
# Pages are rendered, never fetched for their assets: no collectstatic manifest needed.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
