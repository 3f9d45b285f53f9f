// The dashboard's reads that no other route answers in one call: who is logged in (GET /api/session),
// the overview (GET /api/overview: money, positions with their stops, risk, circuit, loops,
// reconciliation) and one position's page (GET /api/positions/detail). Served only when the
// dashboard's sources are given.
import { type Decimal, dec, toPlainString, ZERO } from '@hookline/core';
import { listExits, listFills, readOpenLots, readPeriodMoney } from '@hookline/store';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readerRole } from './admin-auth.js';
import type { ApiOptions, DashboardSources } from './api-options.js';
import { timeSchema } from './api-values.js';
import { exitItem, exitSchema } from './exit-routes.js';
import { type LivePosition, readLivePositions } from './live-positions.js';
import { fillItem, fillSchema } from './order-routes.js';
import { positionSchema } from './position-routes.js';
import { circuitSchema, readCircuitView, readRiskView, riskSchema } from './risk-routes.js';

/** A position on the dashboard: GET /api/positions's item with its stop levels. */
export const livePositionSchema = positionSchema.extend({
  hard_stop_price: z.string().nullable(),
  soft_stop_price: z.string().nullable(),
  trailing_stop_price: z.string().nullable().describe('null until the trailing stop is armed'),
  peak_price: z.string().nullable(),
});

const loopSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  last_at: timeSchema.nullable().describe('when its heartbeat was written, where the check has one'),
  age_ms: z.number().nullable().describe('age of the heartbeat, where the check has one'),
  detail: z.string().nullable(),
});

const overviewSchema = z.object({
  account: z.string(),
  mode: z.enum(['paper', 'live']),
  exchange: z.string(),
  at: timeSchema,
  equity_usd: z
    .string()
    .nullable()
    .describe("USD cash at the exchange + positions at the bid; null when balances can't be read"),
  today_realized_pnl_usd: z.string().describe('realised P&L (FIFO, after fees) since 00:00 UTC'),
  unrealized_pnl_usd: z.string().nullable(),
  positions: z.array(livePositionSchema),
  risk: riskSchema,
  circuit: circuitSchema,
  loops: z.array(loopSchema),
  reconciliation: loopSchema.nullable(),
  daily_loss: z.object({
    used_usd: z.string().describe("today's realised loss (0 when today is a gain)"),
    limit_usd: z
      .string()
      .nullable()
      .describe('the limit as an amount (HOOKLINE_RISK_DAILY_LOSS_LIMIT_AMOUNT or % of equity)'),
  }),
});

/** Registers GET /api/session, GET /api/overview and GET /api/positions/detail. */
export function registerDashboardRoutes(
  app: FastifyInstance,
  options: ApiOptions,
  sources: DashboardSources,
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/session',
    {
      schema: {
        summary: 'Who reads: the role of the token (read or admin), the account, mode and exchange',
        tags: ['read'],
        response: {
          200: z.object({
            role: z.enum(['read', 'admin']),
            account: z.string(),
            mode: z.enum(['paper', 'live']),
            exchange: z.string(),
          }),
        },
      },
    },
    async (request) => ({
      role: readerRole(options.access, request),
      account: options.account,
      mode: sources.mode,
      exchange: options.exchange.name,
    }),
  );
  typed.get(
    '/api/overview',
    {
      schema: {
        summary:
          'Equity, P&L, positions with stops, risk state, circuit, loops and reconciliation in one call',
        tags: ['read'],
        response: { 200: overviewSchema },
      },
    },
    async () => await readOverview(options, sources),
  );
  typed.get(
    '/api/positions/detail',
    {
      schema: {
        summary: 'One position: its open FIFO lots, fills, trailing stop and exits',
        tags: ['read'],
        querystring: z.object({ symbol: z.string().min(1).describe('e.g. BTC/USD') }),
        response: {
          200: z.object({
            position: livePositionSchema.nullable().describe('null when nothing of the symbol is held'),
            lots: z.array(
              z.object({
                buy_fill_id: z.string(),
                opened_at: timeSchema,
                price: z.string(),
                amount: z.string(),
                remaining: z.string(),
                cost_usd: z.string(),
              }),
            ),
            fills: z.array(fillSchema),
            trailing: z
              .object({
                stop_price: z.string().nullable(),
                high: z.string().nullable(),
                updated_at: timeSchema.nullable(),
              })
              .nullable()
              .describe(
                "the sentinel's trailing memory: its stop once armed and the highest bid since entry",
              ),
            exits: z.array(exitSchema),
          }),
        },
      },
    },
    async ({ query }) => {
      const { symbol } = query;
      const [positions, lots, fills, exits] = await Promise.all([
        readLivePositions({ ...options, ...sources }, options.account, symbol),
        readOpenLots(options.store, { account: options.account, symbol }),
        listFills(options.store, { account: options.account, symbol, limit: 200 }),
        listExits(options.store, { account: options.account, symbol, limit: 50 }),
      ]);
      const position = positions[0];
      return {
        position: position ?? null,
        trailing:
          position === undefined || position.peak_price === null
            ? null
            : { stop_price: position.trailing_stop_price, high: position.peak_price, updated_at: null },
        lots: lots.map((lot) => ({
          buy_fill_id: lot.buyFillId,
          opened_at: lot.buyTime.toISOString(),
          price: lot.buyPrice,
          amount: lot.lotSize,
          remaining: lot.remainingSize,
          cost_usd: lot.remainingCostUsd,
        })),
        fills: fills.map(fillItem),
        exits: exits.map(exitItem),
      };
    },
  );
}

/** The overview: one read of each source, in parallel. */
export async function readOverview(
  options: ApiOptions,
  sources: DashboardSources,
): Promise<z.output<typeof overviewSchema>> {
  const now = options.clock.now();
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const [positions, risk, today, balances, readiness] = await Promise.all([
    readLivePositions({ ...options, ...sources }, options.account),
    readRiskView(options),
    readPeriodMoney(options.store, { account: options.account, from: dayStart, to: now }),
    options.exchange.fetchBalances().catch(() => undefined),
    sources.readiness.report(),
  ]);
  const money = totals(positions);
  const equityText = equityOf(options, balances, money.exposure);
  const equity = equityText === null ? undefined : dec(equityText);
  const limitUsd =
    options.limits.dailyLossLimitAmount ??
    equity?.times(options.limits.dailyLossLimitPct).dividedBy(100).toDecimalPlaces(2);
  const loops = Object.entries(readiness.checks).map(([name, result]) => loopOf(name, result, now));
  return {
    account: options.account,
    mode: sources.mode,
    exchange: options.exchange.name,
    at: now.toISOString(),
    equity_usd: equityText,
    today_realized_pnl_usd: toPlainString(today.realizedPnl.toDecimalPlaces(8)),
    unrealized_pnl_usd: money.priced ? toPlainString(money.unrealized.toDecimalPlaces(8)) : null,
    positions,
    risk,
    circuit: readCircuitView(options),
    loops: loops.filter((loop) => loop.name !== 'reconciler'),
    reconciliation: loops.find((loop) => loop.name === 'reconciler') ?? null,
    daily_loss: {
      used_usd: toPlainString(today.realizedPnl.lessThan(0) ? today.realizedPnl.negated() : ZERO),
      limit_usd: limitUsd === undefined ? null : toPlainString(limitUsd),
    },
  };
}

/** Exposure and unrealised P&L of the priced positions; `priced` false when any has no price. */
export function totals(positions: readonly LivePosition[]) {
  let exposure = ZERO;
  let unrealized = ZERO;
  let priced = true;
  for (const position of positions) {
    if (position.market_value_usd === null || position.unrealized_pnl_usd === null) priced = false;
    else {
      exposure = exposure.plus(dec(position.market_value_usd));
      unrealized = unrealized.plus(dec(position.unrealized_pnl_usd));
    }
  }
  return { exposure, unrealized, priced };
}

function loopOf(
  name: string,
  result: { ok: boolean; detail?: string | Record<string, unknown> } | undefined,
  now: Date,
): z.output<typeof loopSchema> {
  const detail = result?.detail;
  const age = typeof detail === 'object' && typeof detail.ageMs === 'number' ? detail.ageMs : null;
  return {
    name,
    ok: result?.ok ?? false,
    last_at: age === null ? null : new Date(now.getTime() - age).toISOString(),
    age_ms: age,
    detail: detail === undefined ? null : typeof detail === 'string' ? detail : JSON.stringify(detail),
  };
}

/**
 * The data of a live `sweep` event: the positions with their stops and the totals, now. Equity reads
 * the exchange's balances, once per tick of the feed and only while a browser is connected.
 */
export async function readLiveSnapshot(options: ApiOptions, sources: DashboardSources) {
  const at = options.clock.now().toISOString();
  const [positions, balances] = await Promise.all([
    readLivePositions({ ...options, ...sources }, options.account),
    options.exchange.fetchBalances().catch(() => undefined),
  ]);
  const money = totals(positions);
  return {
    at,
    positions,
    exposure_usd: toPlainString(money.exposure.toDecimalPlaces(8)),
    equity_usd: equityOf(options, balances, money.exposure),
    unrealized_pnl_usd: money.priced ? toPlainString(money.unrealized.toDecimalPlaces(8)) : null,
  };
}

/** USD cash at the exchange (the store's USD currencies) + exposure; null without balances. */
function equityOf(
  options: ApiOptions,
  balances: Awaited<ReturnType<ApiOptions['exchange']['fetchBalances']>> | undefined,
  exposure: Decimal,
): string | null {
  if (balances === undefined) return null;
  let cash = ZERO;
  for (const currency of options.store.usdCurrencies) cash = cash.plus(balances[currency]?.total ?? ZERO);
  return toPlainString(cash.plus(exposure).toDecimalPlaces(8));
}
