"""Gunicorn settings for the web container, tunable through the environment."""

import multiprocessing
import os

from gunicorn.glogging import Logger

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


class LogTanpaPemeriksaan(Logger):
    """The access log without the health probes: a load balancer asks /readyz every few
    seconds and the docker health check every 15 s; their lines would bury the users'."""

    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") in ("/healthz", "/readyz") and resp.status_code == 200:
            return
        super().access(resp, req, environ, request_time)


logger_class = LogTanpaPemeriksaan
# No runtime control socket (gunicorn >= 24 puts it in $HOME, which is read-only here).
control_socket_disable = True
