#!/usr/bin/env bash
# Debian's PgBouncer for the pooling test (tests/skala/test_pgbouncer.py), installed with apt
# when missing.  The test starts its own pgbouncer in transaction mode; the Debian service
# that the package enables is stopped so that it holds no port.
set -euo pipefail
if [ -x /usr/sbin/pgbouncer ] || command -v pgbouncer >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "pgbouncer tidak terpasang; jalankan sebagai root: apt-get install -y pgbouncer" >&2
  exit 1
fi
echo "== Memasang pgbouncer (apt) untuk tes pooling"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# policy-rc.d: the package must not start its own service (a busy port); an existing one
# (Docker images ship one) is left as it is.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get install -y -qq --no-install-recommends pgbouncer >/dev/null
test -x /usr/sbin/pgbouncer
