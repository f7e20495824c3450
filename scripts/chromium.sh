#!/usr/bin/env bash
# Debian's Chromium (and a font) for the browser tests, installed with apt when missing.
# The tests drive it through Playwright's executable_path; Playwright never downloads a browser.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "chromium tidak terpasang; jalankan sebagai root: apt-get install -y chromium fonts-dejavu-core" >&2
  exit 1
fi
echo "== Memasang chromium (apt) untuk tes peramban"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
test -x /usr/bin/chromium
