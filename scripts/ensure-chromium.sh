#!/usr/bin/env bash
# End-to-end tests drive Debian's Chromium; install it when this machine lacks it, with CJK and emoji
# fonts so Chinese pages and screenshots render as text, not boxes.
set -euo pipefail
has_fonts() { fc-list :lang=zh 2>/dev/null | grep -q .; }
command -v chromium >/dev/null && has_fonts && exit 0
packages="chromium fonts-noto-cjk fonts-noto-color-emoji"
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium or its fonts are missing: run 'sudo apt-get install -y $packages' (end-to-end tests need them)." >&2
  exit 1
fi
echo "Installing $packages from apt (needed by the end-to-end tests)…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
