#!/bin/sh
# Entry point of every e-Kinerja container (web, worker, beat): optional migration, then the
# command.  Only the web service sets MIGRATE_ON_START=1, so one kind of container changes the
# schema; replicas starting together take turns (deploy/migrasi.py holds a lock).
set -eu

if [ "${MIGRATE_ON_START:-0}" = "1" ]; then
    # The migration lock is a session lock: it must not go through PgBouncer's transaction
    # pooling, so migrations use the direct address when there is one (docs/operasi.md).
    if [ -n "${DATABASE_DIRECT_URL:-}" ]; then
        DATABASE_URL="$DATABASE_DIRECT_URL" DATABASE_POOLER="" python deploy/migrasi.py
    else
        python deploy/migrasi.py
    fi
fi

exec "$@"
