#!/bin/sh
# Entry point of every e-Kinerja container (web, worker, beat): optional migration, then the
# command.  Only the web service sets MIGRATE_ON_START=1, so one kind of container changes the
# schema; replicas starting together take turns (deploy/migrasi.py holds a lock).
set -eu

if [ "${MIGRATE_ON_START:-0}" = "1" ]; then
    python deploy/migrasi.py
fi

exec "$@"
