#!/usr/bin/env bash
# Browser tests need Debian's chromium (Playwright's own browser download cannot work here).
set -euo pipefail
cd "$(dirname "$0")/../.."
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "chromium is missing: installing Debian's chromium package…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || {
      echo "Could not install chromium; run: apt-get update && apt-get install -y chromium" >&2
      exit 1
    }
  else
    echo "Browser tests need Chromium: run 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH)." >&2
    exit 1
  fi
fi
exec node_modules/.bin/vitest run --config vitest.e2e.config.ts "$@"
