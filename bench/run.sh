#!/usr/bin/env bash
# make bench: a kabupaten on PostgreSQL (generated once, kept), the query plans, the
# dashboards' summary tables (timed), then the load benchmark.  BENCH_DATABASE_URL picks the database (a dedicated one: it is filled).
# Extra arguments go to bench.beban (e.g. ./bench/run.sh --worker 2 --konkurensi 4).
set -euo pipefail
cd "$(dirname "$0")/.."
UV=./scripts/uv
# A size of its own has a database of its own (BENCH_PEGAWAI=40000 make bench: the province,
# ekinerja_bench_40000), so that one flag never reuses the kabupaten's data by mistake.
PEGAWAI="${BENCH_PEGAWAI:-8000}"
NAMA_DB=ekinerja_bench
[ "$PEGAWAI" = 8000 ] || NAMA_DB="ekinerja_bench_${PEGAWAI}"
export DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/${NAMA_DB}}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "bench perlu PostgreSQL, bukan: $DATABASE_URL" >&2; exit 1 ;;
esac
# The cache on Redis, as in production (roles, settings and holidays are read from it on
# every page; without REDIS_URL the app would fall back to its development file cache).
export REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/9}"
echo "== Basis data bench: ${DATABASE_URL}; cache dan broker: ${REDIS_URL}"
"$UV" run python -m bench.generate --siapkan-database --lewati-bila-ada \
  --pegawai "$PEGAWAI" --bulan "${BENCH_BULAN:-12}" --seed "${BENCH_SEED:-1}"
"$UV" run python manage.py migrate --noinput
"$UV" run python -m bench.kueri
"$UV" run python -m bench.ringkasan
exec "$UV" run python -m bench.beban "$@"
