#!/bin/sh
# Writes PgBouncer's configuration from the environment, then runs it in the foreground.
# Transaction pooling: a server connection is lent for one transaction only, so the app must
# keep no session state (ekinerja/settings.py, DATABASE_POOLER=pgbouncer; docs/operasi.md).
set -eu
: "${POSTGRES_USER:?}" "${POSTGRES_PASSWORD:?}"
folder=/tmp/pgbouncer
mkdir -p "$folder"
umask 077
printf '"%s" "%s"\n' "$POSTGRES_USER" "$POSTGRES_PASSWORD" > "$folder/userlist.txt"
cat > "$folder/pgbouncer.ini" <<INI
[databases]
* = host=${PGBOUNCER_DB_HOST:-postgres} port=${PGBOUNCER_DB_PORT:-5432}

[pgbouncer]
listen_addr = 0.0.0.0
listen_port = 6432
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $folder/userlist.txt
pool_mode = transaction
default_pool_size = ${PGBOUNCER_POOL_SIZE:-20}
max_client_conn = ${PGBOUNCER_MAX_CLIENT_CONN:-1000}
; psycopg may send these at connect; PgBouncer would refuse the connection otherwise.
ignore_startup_parameters = extra_float_digits,options
server_idle_timeout = 300
log_connections = 0
log_disconnections = 0
INI
exec pgbouncer "$folder/pgbouncer.ini"
