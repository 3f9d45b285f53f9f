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
log "building the dashboard (apps/dashboard/dist)"
pnpm --silent dashboard:build

pnpm --silent hookline db migrate

# Paper mode trades the venue's real public prices by default. On a machine that cannot reach the venue
# that start would never be ready, so probe it first (3 s) and fall back to the simulated market, saying
# so. An explicit HOOKLINE_PAPER_PRICES (environment or .env) or MODE=live is left alone.
configured() { [ -n "${!1:-}" ] || { [ -f .env ] && grep -qE "^[[:space:]]*$1=" .env; }; }
env_value() { if [ -n "${!1:-}" ]; then echo "${!1}"; elif [ -f .env ]; then sed -nE "s/^[[:space:]]*$1=[\"']?([^\"']*)[\"']?$/\1/p" .env | tail -1; fi; }
if ! configured HOOKLINE_PAPER_PRICES && [ "$(env_value MODE)" != live ]; then
  case "$(env_value EXCHANGE)" in
    kraken) venue_url=https://api.kraken.com/0/public/Time ;;
    *) venue_url=https://api.coinbase.com/api/v3/brokerage/time ;;
  esac
  if ! node -e "fetch(process.argv[1], { signal: AbortSignal.timeout(3000) }).then(() => process.exit(0), () => process.exit(1))" "$venue_url"; then
    log "$venue_url cannot be reached: paper mode trades the simulated market (HOOKLINE_PAPER_PRICES=simulated); set HOOKLINE_PAPER_PRICES=live to insist on real prices"
    export HOOKLINE_PAPER_PRICES=simulated
  fi
fi
if [ -z "$(env_value WEBHOOK_PASSPHRASE)" ]; then
  log "WEBHOOK_PASSPHRASE is not set (environment or .env): the webhook refuses every alert and /readyz stays 503 until it is"
fi
# exec node itself rather than `pnpm hookline start`: pnpm does not forward SIGTERM to its child, and a
# supervisor's SIGTERM must reach the process that drains and closes.
exec node --import tsx apps/cli/src/main.ts start "$@"
