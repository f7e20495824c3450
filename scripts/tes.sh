#!/usr/bin/env bash
# The test suite.  In CI (CI=true): the machine's real PostgreSQL and Redis, started if down.
# Elsewhere: PostgreSQL when DATABASE_URL is set, else SQLite — and it says which.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=./scripts/uv
if [ "${CI:-}" = "true" ]; then
  "$UV" run python scripts/layanan.py
  export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
  export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
  export EKINERJA_WAJIB_LAYANAN_NYATA=1
  ./scripts/chromium.sh
  ./scripts/pgbouncer.sh  # tests/skala/test_pgbouncer.py
  export EKINERJA_WAJIB_PERAMBAN=1
  case "$DATABASE_URL" in
    postgres://*|postgresql://*) ;;
    *) echo "CI harus memakai PostgreSQL, bukan: $DATABASE_URL" >&2; exit 1 ;;
  esac
fi
if [ -n "${DATABASE_URL:-}" ]; then
  echo "== Tes memakai PostgreSQL: ${DATABASE_URL%%@*}@${DATABASE_URL#*@}"
else
  echo "== Tes memakai SQLite (setel DATABASE_URL untuk PostgreSQL)"
fi
if [ -n "${REDIS_URL:-}" ]; then
  echo "== Broker Celery: Redis ${REDIS_URL}"
else
  echo "== Broker Celery: filesystem (tanpa Redis); tes integrasi Redis dilewati"
fi
# loadgroup: tests marked xdist_group("…") share one worker (the fault suite's private
# PostgreSQL and Redis are started once, tests/gangguan); every other test is spread as usual.
exec "$UV" run pytest -n "${PYTEST_WORKERS:-2}" --dist loadgroup "$@"
