# Installs what Hookline needs on a fresh machine of our kind (Debian, Node 20, npm, root) when it is
# missing: pnpm from the npm registry, redis-server and PostgreSQL from Debian's packages.
# Sourced by scripts/run.sh and scripts/test.sh. Each step is a no-op when the tool is already there.

PNPM_VERSION=10.34.9

log() { printf '\033[1m[hookline]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else log "need root to run: $*"; return 1
  fi
}

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_node() {
  if ! command -v node >/dev/null 2>&1; then
    log "Node.js >= 20.19 is required (apt-get install -y nodejs, or from nodejs.org)"; return 1
  fi
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' || {
    log "Node.js >= 20.19 is required, found $(node --version)"; return 1
  }
}

ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version)" = "$PNPM_VERSION" ]; then return 0; fi
  log "installing pnpm $PNPM_VERSION (npm i -g; corepack cannot verify signatures here)"
  npm install -g --silent "pnpm@$PNPM_VERSION" >/dev/null
}

ensure_redis() {
  if command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ]; then return 0; fi
  log "installing redis-server (Debian package)"
  apt_install redis-server
}

postgres_bin() {
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ensure_postgres() {
  local bin; bin=$(postgres_bin)
  if [ -n "$bin" ] && [ -x "$bin/pg_ctl" ]; then return 0; fi
  log "installing the PostgreSQL server (Debian package)"
  apt_install postgresql
}

# Debian's Chromium for the dashboard's browser tests (playwright-core drives it; Playwright's own
# browser download cannot run here).
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  log "installing Chromium (Debian package) for the browser tests"
  apt_install chromium
}

install_dependencies() {
  log "installing dependencies (pnpm install --frozen-lockfile)"
  CI=true pnpm install --frozen-lockfile --reporter=silent
  bash scripts/prisma-generate.sh
}
