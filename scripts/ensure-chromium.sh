#!/usr/bin/env bash
# End-to-end tests drive Debian's Chromium; install it when this machine lacks it.
set -euo pipefail
command -v chromium >/dev/null && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing: run 'sudo apt-get install -y chromium' (end-to-end tests need it)." >&2
  exit 1
fi
echo "Installing chromium from apt (needed by the end-to-end tests)…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
