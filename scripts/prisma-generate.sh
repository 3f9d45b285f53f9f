#!/usr/bin/env bash
# Generates the Prisma client (TypeScript, into packages/db/src/generated/prisma, gitignored) from
# prisma/schema.prisma. Works offline, from a clean clone after `pnpm install`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Why PRISMA_SCHEMA_ENGINE_BINARY: before any command, the Prisma CLI makes sure a native schema
# engine is present and otherwise downloads it from binaries.prisma.sh, which the build machines
# cannot reach ("request to binaries.prisma.sh failed"). `prisma generate` never runs that engine
# (the client is TypeScript + WASM), so any existing file satisfies the check. We point it at the
# `false` executable: if something did try to run it, it would fail at once instead of doing harm.
# Migrations do not use the CLI at all: see packages/db/src/schema-engine.ts (WASM engine) and
# packages/db/src/migrations/. A connected machine that has a real engine keeps its own setting.
if [[ -z "${PRISMA_SCHEMA_ENGINE_BINARY:-}" ]]; then
  PRISMA_SCHEMA_ENGINE_BINARY="$(type -P false)"
  export PRISMA_SCHEMA_ENGINE_BINARY
fi
# No update check or telemetry request: they would only time out here.
export CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1

exec packages/db/node_modules/.bin/prisma generate --config prisma.config.ts "$@"
