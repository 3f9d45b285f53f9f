# Hookline production image: one image runs every CLI command (`db migrate`, `start webhook|sighook|both`).
# The services run TypeScript through tsx, exactly as `pnpm hookline` does on a workstation: no build step.

# --- base: pnpm and the workspace manifests --------------------------------------------------------
FROM node:24-slim AS base
# corepack cannot be relied on (signature checks fail on some networks); a pinned npm install can.
RUN npm i -g pnpm@10.34.9
WORKDIR /app
# Manifests only, so the dependency layers below are rebuilt only when a manifest or the lockfile changes.
# One line per workspace package: COPY with a glob would flatten them into one folder.
# (test/docker-compose.test.ts fails when a workspace package is missing here.)
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/backtester/package.json apps/backtester/
COPY apps/cli/package.json apps/cli/
COPY apps/dashboard/package.json apps/dashboard/
COPY apps/sighook/package.json apps/sighook/
COPY apps/webhook/package.json apps/webhook/
COPY bench/package.json bench/
COPY packages/backtest/package.json packages/backtest/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/exchange/package.json packages/exchange/
COPY packages/ledger/package.json packages/ledger/
COPY packages/ledger-store/package.json packages/ledger-store/
COPY packages/runtime/package.json packages/runtime/
COPY packages/schemas/package.json packages/schemas/
COPY packages/store/package.json packages/store/

# --- build: every dependency, to generate the Prisma client ---------------------------------------
FROM base AS build
RUN pnpm install --frozen-lockfile
COPY . .
# Writes the client into packages/db/src/generated (gitignored, so it never comes from the context).
RUN bash scripts/prisma-generate.sh
# The operator dashboard's static files (apps/dashboard/dist), served by the webhook at `/`.
RUN pnpm --filter @hookline/dashboard build

# --- prod-deps: production dependencies only -------------------------------------------------------
# A fresh `--prod` install instead of `pnpm prune --prod`: in a workspace, prune also unlinks the
# workspace packages' own dependencies (apps/cli lost tsx and pino when tried).
# `pnpm hookline` is `node --import tsx ...`: tsx is a production dependency of the root for that reason.
FROM base AS prod-deps
RUN pnpm install --prod --frozen-lockfile

# --- runtime ---------------------------------------------------------------------------------------
FROM node:24-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Files stay owned by root: the unprivileged process can read its code but not change it.
COPY --from=prod-deps /app ./
COPY tsconfig.json ./
COPY apps ./apps
COPY packages ./packages
COPY prisma ./prisma
COPY --from=build /app/packages/db/src/generated ./packages/db/src/generated
COPY --from=build /app/apps/dashboard/dist ./apps/dashboard/dist
# DATA_DIR: the paper exchange's state (paper-exchange.json) and, only without DATABASE_URL, the
# embedded database. Owned by node, so a named volume mounted here (compose: webhook-data) starts
# writable for the unprivileged process.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# Exactly the root script `hookline` (`pnpm hookline <args>`), without pnpm in the image: one node
# process, so SIGTERM reaches the app's shutdown handler directly.
ENTRYPOINT ["node", "--import", "tsx", "apps/cli/src/main.ts"]
CMD ["start", "both"]
