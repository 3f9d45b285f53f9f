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
install_dependencies

log "lint and format (biome ci)"
pnpm exec biome ci --reporter=summary .
log "typecheck (tsc)"
pnpm exec tsc -p tsconfig.json
log "tests (vitest)"
mkdir -p .tmp
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json "$@" || status=$?
# A plain closing line that any CI reader understands.
node -e '
  const r = JSON.parse(require("fs").readFileSync(".tmp/vitest.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit "$status"
