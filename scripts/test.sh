#!/usr/bin/env bash
# The whole test suite from a clean clone: installs pnpm/Redis/PostgreSQL when missing, installs
# dependencies, then lint + format check, typecheck, and every test (vitest starts a throwaway
# PostgreSQL and Redis on loopback; the dependency-direction and drift checks are tests).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-tools.sh

ensure_node
ensure_pnpm
ensure_redis
ensure_postgres
ensure_chromium
install_dependencies
log "building the dashboard (apps/dashboard/dist)"
pnpm --silent dashboard:build

log "lint and format (biome ci)"
pnpm exec biome ci --reporter=summary .
log "typecheck (tsc)"
pnpm exec tsc -p tsconfig.json
log "tests (vitest)"
mkdir -p .tmp
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json "$@" || status=$?
# The chaos suite (test/chaos/, about 5 minutes): the webhook as its own process through Redis and
# PostgreSQL outages, crashes and hostile input; its summaries land in .tmp/chaos-summary.json. Only
# on a whole run: arguments select tests of the main suite.
reports=(.tmp/vitest.json)
if [ "$#" -eq 0 ]; then
  log "chaos suite (vitest.chaos.config.ts)"
  pnpm exec vitest run -c vitest.chaos.config.ts --reporter=default --reporter=json \
    --outputFile.json=.tmp/vitest-chaos.json || status=$?
  reports+=(.tmp/vitest-chaos.json)
fi
# A plain closing line that any CI reader understands.
node -e '
  let passed = 0, failed = 0, skipped = 0;
  for (const file of process.argv.slice(1)) {
    const r = JSON.parse(require("fs").readFileSync(file, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "${reports[@]}" || true
exit "$status"
