#!/usr/bin/env bash
# `npm test`: the full suite. Starts (or reuses) the real servers, then typecheck, lint, the format check and every
# Vitest project (unit, integration against real PostgreSQL/Redis/Kafka/FerretDB, e2e via the router).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/servers/up.sh
# Headless Chromium (Debian's package) for the explorer's browser test.
bash scripts/browser.sh >/dev/null
set -a
# shellcheck disable=SC1091
. .servers/test.env
set +a
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
rm -f .vitest/results.json
# codegen -> typecheck, lint, format:check -> every Vitest project, and the deployable bundles (see turbo.json)
status=0
npx turbo run test:all build --output-logs=new-only || status=$?
if ! npx tsx scripts/test-summary.ts && [ "$status" -eq 0 ]; then status=1; fi
exit "$status"
