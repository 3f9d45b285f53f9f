#!/usr/bin/env bash
# From a fresh machine to a running system: installs pnpm and redis-server when missing, installs
# dependencies, applies migrations, then runs `pnpm hookline start` (both services in one process;
# paper mode, embedded database in DATA_DIR and a private redis-server unless configured otherwise).
# Arguments are passed to start (`bash scripts/run.sh webhook` needs DATABASE_URL: the embedded
# database serves one process). /readyz is ready only with WEBHOOK_PASSPHRASE set (in .env): without it
# the webhook runs, but refuses every alert.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-tools.sh

ensure_node
ensure_pnpm
if [ -z "${REDIS_URL:-}" ]; then ensure_redis; fi
install_dependencies

pnpm --silent hookline db migrate
if [ -z "${WEBHOOK_PASSPHRASE:-}" ] && ! grep -qE '^WEBHOOK_PASSPHRASE=.+' .env 2>/dev/null; then
  echo "run.sh: WEBHOOK_PASSPHRASE is not set (.env): the webhook refuses every alert and /readyz stays 503 until it is" >&2
fi
# exec node itself rather than `pnpm hookline start`: pnpm does not forward SIGTERM to its child, and a
# supervisor's SIGTERM must reach the process that drains and closes.
exec node --import tsx apps/cli/src/main.ts start "$@"
