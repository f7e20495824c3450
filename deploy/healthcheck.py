"""Docker health check of the web container, asked as a load balancer would.

``python deploy/healthcheck.py`` asks ``GET /readyz`` (ready: the database answers within its
bound) — what the compose file uses, so that worker and beat start once the web has migrated
and a proxy or load balancer sends traffic only to a ready node.  ``python
deploy/healthcheck.py healthz`` asks ``GET /healthz`` (alive: the process answers), for an
orchestrator that restarts a hung container.  Neither fails because Redis, the worker or beat
is down: the web serves everyone without them (docs/operasi.md, "Kesehatan dan kesiapan").

Exit 0 when it answers 200, 1 otherwise.  The Host header is one the app accepts
(ALLOWED_HOSTS); X-Forwarded-Proto says the request is as secure as one arriving through the
TLS proxy.
"""

import os
import sys
import urllib.request

JALUR = {"readyz": "/readyz", "healthz": "/healthz"}


def host_diizinkan() -> str:
    for host in os.environ.get("ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def main(argv: list[str]) -> int:
    jenis = argv[1] if len(argv) > 1 else "readyz"
    if jenis not in JALUR:
        print(f"pemakaian: {argv[0]} [{'|'.join(JALUR)}]", file=sys.stderr)
        return 2
    port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}{JALUR[jenis]}",
        headers={"Host": host_diizinkan(), "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 - fixed local URL
            return 0 if resp.status == 200 else 1
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        print(f"{jenis}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
