#!/usr/bin/env bash
# Sets up a fresh machine for Counterflow: Debian's Chromium (Playwright drives it; its own
# browser download is not used), CJK fonts for the Chinese UI, PostgreSQL (the sync server's
# tests run against a throwaway cluster, scripts/test-postgres.sh), and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
# Debian keeps initdb out of PATH, in /usr/lib/postgresql/<version>/bin.
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${missing[*]} from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: please install ${missing[*]} (Chromium must be at /usr/bin/chromium or set CHROMIUM_PATH)" >&2
  fi
fi

# Electron's binary is fetched by its own install script, which this setup does not need
# for browser mode; where it can be fetched, `npx electron` will use it.
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
npm ci --no-audit --no-fund
