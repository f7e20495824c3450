"""Gunicorn settings for the web container, tunable through the environment."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * multiprocessing.cpu_count() + 1, 8))
# Threads let a worker serve other requests while one waits on the database or storage.
# Each thread holds its own database connection: workers x threads per container.
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak never grows into an outage.
max_requests = 2000
max_requests_jitter = 200
# Heartbeat files in memory: a slow container disk must not get workers killed.
worker_tmp_dir = "/dev/shm"  # noqa: S108 - private to the container
accesslog = "-"
errorlog = "-"
# No runtime control socket (gunicorn >= 24 puts it in $HOME, which is read-only here).
control_socket_disable = True
