"""Settings, read from the environment.

Without any environment the app runs for development: SQLite under ``var/``, Celery on
kombu's filesystem transport, e-mail printed to the console.  Production sets at least
``DEBUG=false``, ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DATABASE_URL`` and ``REDIS_URL``
(see README, "Menjalankan di produksi").
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("EKINERJA_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ya"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# A demo server lists the demo accounts (shared, published password) on its login page.
EKINERJA_DEMO = env_bool("EKINERJA_DEMO", DEBUG)
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY wajib diisi bila DEBUG=false.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "ekinerja",
    "pegawai",
    "kalender",
    "skp",
    "aktivitas",
    "penilaian",
    "notifikasi",
    "pemantauan",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "akun",
    "ninja",
    "api",
    "bantuan",
    "pengumuman",
    "sinkron",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "ekinerja.middleware.RapikanHtmlMiddleware",  # below GZip: compressed after
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ekinerja.middleware.BahasaMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "akun.middleware.SesiMiddleware",
    "akun.middleware.DuaLangkahMiddleware",
    "pegawai.middleware.WajibGantiSandiMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "ekinerja.urls"
WSGI_APPLICATION = "ekinerja.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ekinerja.context_processors.navigasi",
                "pengumuman.context_processors.spanduk_halaman",
            ],
        },
    },
]
# Django's form renderer with its commonest widgets drawn without a template each
# (ekinerja/penggambar.py; the same HTML, tested against the templates).
FORM_RENDERER = "ekinerja.penggambar.PenggambarCepat"

# --- Database -------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
    # Read replicas (docs/operasi.md, "Replika baca"): comma-separated URLs of streaming
    # replicas.  Only the views marked with inti.replika.boleh_replika read from them.
    for _i, _url in enumerate(
        (u.strip() for u in env("DATABASE_REPLICA_URLS", "").split(",") if u.strip()), start=1
    ):
        _replika = dj_database_url.parse(
            _url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
        # A replica that has gone away must not hold a request: the primary answers instead.
        _replika.setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
        _replika["TEST"] = {"MIRROR": "default"}
        DATABASES[f"replika_{_i}"] = _replika
    if len(DATABASES) > 1:
        DATABASE_ROUTERS = ["inti.replika.RuterReplika"]
    # PgBouncer in transaction mode (docs/operasi.md, "PgBouncer"): a server connection is
    # only lent for one transaction, so nothing may outlive it — no server-side cursors
    # (.iterator() would use a named cursor held across transactions) and no prepared
    # statements (psycopg prepares a query after 5 uses; PgBouncer 1.18 cannot follow).
    # SET TIME ZONE (Django's connection setup) is a parameter PgBouncer tracks per client.
    DATABASE_POOLER = env("DATABASE_POOLER", "").strip().lower()
    for _db in DATABASES.values():
        _opsi = _db.setdefault("OPTIONS", {})
        if str(_opsi.pop("pooler", "")).lower() == "pgbouncer":  # ?pooler=pgbouncer in a URL
            DATABASE_POOLER = "pgbouncer"
    if DATABASE_POOLER == "pgbouncer":
        for _db in DATABASES.values():
            _db["DISABLE_SERVER_SIDE_CURSORS"] = True
            _db["OPTIONS"]["prepare_threshold"] = None
    # Prepared statements on a direct connection (docs/operasi.md, "Pernyataan siap"): the
    # parameters bound by the server, and a query run more than five times on a connection
    # prepared there — PostgreSQL then plans it once, not on every page (planning a query on
    # the partitioned activity table, or an SKP with its eight joins, cost 2-4 ms each: more
    # than executing it).  Django's default is neither.  Off behind PgBouncer unless it can
    # follow them (1.21 or later with max_prepared_statements): DB_PERNYATAAN_SIAP=1.
    DB_PERNYATAAN_SIAP = env_bool("DB_PERNYATAAN_SIAP", DATABASE_POOLER != "pgbouncer")
    if DB_PERNYATAAN_SIAP:
        for _db in DATABASES.values():
            _db["OPTIONS"]["server_side_binding"] = True
            _db["OPTIONS"]["prepare_threshold"] = env_int("DB_PREPARE_THRESHOLD", 5)
    # Django's PostgreSQL backend, aware of partitioned tables' keys (inti/postgresql/base.py).
    for _db in DATABASES.values():
        if _db.get("ENGINE") == "django.db.backends.postgresql":
            _db["ENGINE"] = "inti.postgresql"
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and broker -----------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    # Redis is an optimisation, never a gate: an unreachable Redis reads as a miss
    # (ekinerja/cache.py); short timeouts so that a vanished host does not hold a request.
    CACHES = {
        "default": {
            "BACKEND": "ekinerja.cache.CacheTangguh",
            "LOCATION": env("CACHE_URL", REDIS_URL),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
else:
    # A folder, not each process's memory: the web and the worker of `make run` must see the
    # same cache versions (inti/cache_versi.py) — a change made by an import in the worker
    # has to reach the web's cached roles.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL or "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("queue", "processed", "control"):
        (BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
# The hard limit of the longest task (the nightly rebuild takes ~20 s on the bench kabupaten).
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 240)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 40
if not CELERY_BROKER_URL.startswith("filesystem://"):
    # A task taken by a worker that then dies (SIGKILL, OOM, lost host) goes back to the
    # queue once it has been unacknowledged for visibility_timeout: longer than the longest
    # task (else a running task would be handed out twice), looked for every 10 s, so that
    # it is redelivered within 5 minutes.  docs/operasi.md, "Antrean dan pemulihan".
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", CELERY_TASK_TIME_LIMIT + 30),
        "unacked_restore_interval": env_int("CELERY_RESTORE_INTERVAL", 10),
        "unacked_restore_throttle": 1,
        # A vanished broker host must not hold a web request that queues a task.
        "socket_connect_timeout": 1,
        "socket_timeout": 10,
        "health_check_interval": 10,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# A worker reconnects forever, within seconds of the broker's return (ekinerja/celery.py).
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_WORKER_CONSUMER = "ekinerja.celery:KonsumenCepatPulih"
# A publish is tried three times within half a second (plus connect timeouts); what still
# fails is kept in the database outbox (pegawai.services.antrean) and sent again by the
# sweep (ekinerja.tasks.sapu).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The sweep's period (seconds): beat's tick, outbox resend and catch-up after an outage.
EKINERJA_SAPU_DETIK = env_int("EKINERJA_SAPU_DETIK", 5)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
# Queues by kind of work, one worker service each (ekinerja/antrean.py, docs/operasi.md).
# Declared here so that a worker started without -Q consumes them all.
from kombu import Queue  # noqa: E402

from . import antrean as _antrean  # noqa: E402

CELERY_TASK_QUEUES = [Queue(nama) for nama in _antrean.SEMUA]
CELERY_TASK_DEFAULT_QUEUE = _antrean.BAWAAN
CELERY_TASK_ROUTES = {tugas: {"queue": q} for tugas, q in _antrean.RUTE.items()}
CELERY_TIMEZONE = env("TIME_ZONE", "Asia/Jakarta")
from .jadwal import CELERY_BEAT_SCHEDULE  # noqa: E402, F401, I001  (the static schedule)

CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Auth -----------------------------------------------------------------------------
AUTH_USER_MODEL = "pegawai.Pegawai"
LOGIN_URL = "masuk"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "masuk"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        # A password like one's NIP or name is the first thing a colleague would try.
        "OPTIONS": {"user_attributes": ("nip", "nama", "email")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# Two-step login (django-otp, the akun app): the name the authenticator app shows, and how
# many reverse proxies of our own stand before the app (their X-Forwarded-For is believed).
OTP_TOTP_ISSUER = env("EKINERJA_NAMA_APLIKASI", "e-Kinerja")
EKINERJA_PROKSI_TEPERCAYA = env_int("EKINERJA_PROKSI_TEPERCAYA", 0)

# --- Language and time ----------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("Bahasa Inggris"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/berkas/"  # never served directly: files go through access-checked views

S3_BUCKET = env("S3_BUCKET")
if S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "access_key": env("S3_ACCESS_KEY_ID"),
            "secret_key": env("S3_SECRET_ACCESS_KEY"),
            "region_name": env("S3_REGION", "us-east-1"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- E-mail ---------------------------------------------------------------------------
EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "e-Kinerja <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# Sessions live in the database (they survive a cache restart) and are read through the
# cache (no query per page while the cache answers; with the cache down, from the database).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
# REST API v1 (api/, docs/api.md): requests per minute per token before a 429.
API_BATAS_PER_MENIT = env_int("API_BATAS_PER_MENIT", 120)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp) on every response: only this origin's files, no inline
# script or style, no eval (templates read their JS from static/js through data- attributes;
# htmx is configured without eval and without its injected indicator <style>).  A response
# that sets its own policy (an evidence file shown inline) keeps it.  docs/operasi.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
    }
}
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# --- Logging --------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # The filesystem broker of `make run` has no host; kombu warns about it on every use.
        "kombu.connection": {"level": "ERROR"},
    },
}

# --- e-Kinerja ------------------------------------------------------------------------
EKINERJA_NAMA_APLIKASI = env("EKINERJA_NAMA_APLIKASI", "e-Kinerja")
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024)

# --- Signed documents (docs/tanda-tangan.md) ------------------------------------------
# Printed in every QR code: set it to the public address before the first document.
EKINERJA_BASE_URL = env("EKINERJA_BASE_URL", "http://127.0.0.1:8000")
# One certificate per instansi: <EKINERJA_SIGN_P12_DIR>/<kode instansi>.p12 when present
# (empty: the folder of EKINERJA_SIGN_P12), else the single certificate EKINERJA_SIGN_P12.
EKINERJA_SIGN_P12 = env("EKINERJA_SIGN_P12", str(VAR_DIR / "sertifikat" / "demo-ttd.p12"))
EKINERJA_SIGN_P12_DIR = env("EKINERJA_SIGN_P12_DIR")
EKINERJA_SIGN_P12_PASSWORD = env("EKINERJA_SIGN_P12_PASSWORD")
# The password of <kode>.p12 when it differs: EKINERJA_SIGN_P12_PASSWORD_<KODE> (the kode in
# capitals, any other character than a letter or digit written "_"), keyed here by <KODE>.
EKINERJA_SIGN_P12_PASSWORDS = {
    nama.removeprefix("EKINERJA_SIGN_P12_PASSWORD_"): nilai
    for nama, nilai in os.environ.items()
    if nama.startswith("EKINERJA_SIGN_P12_PASSWORD_") and nilai
}
