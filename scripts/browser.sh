#!/usr/bin/env bash
# Headless Chromium for the explorer's browser test (tests/explorer/*.e2e.test.ts), from Debian's
# own package: Playwright drives it through playwright-core and never downloads a browser.
# Idempotent; prints the executable's path. Called by scripts/test.sh.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
echo "$CHROMIUM"
