#!/usr/bin/env bash
# What the tests need from Debian: Chromium (browser tests), PostgreSQL 15 (the second run),
# poppler-utils (reading PDFs back), libcairo2 (the app draws the PSB's charts for Word with
# CairoSVG). Installed with apt when missing and run as root.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
ldconfig -p | grep "libcairo.so.2 " >/dev/null || missing+=(libcairo2)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Saknas: ${missing[*]}. Installera med: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installerar ${missing[*]} …"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
