"""Docker health check of the web container: ``GET /healthz`` on the local gunicorn.

Exit 0 when it answers 200 (database and broker reachable), 1 otherwise.  The Host header
is one the app accepts (ALLOWED_HOSTS); X-Forwarded-Proto says the request is as secure as
one arriving through the TLS proxy.
"""

import os
import sys
import urllib.request


def host_diizinkan() -> str:
    for host in os.environ.get("ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def main() -> int:
    port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz",
        headers={"Host": host_diizinkan(), "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 - fixed local URL
            return 0 if resp.status == 200 else 1
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        print(f"healthz: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
