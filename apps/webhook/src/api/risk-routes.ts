// GET /api/risk (trading state, the three buy guards, the limits in force) and GET /api/circuit.
import { type Decimal, toPlainString } from '@hookline/core';
import type { CircuitStatus, ExchangeHealth } from '@hookline/exchange';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readCircuit } from '../controls/exchange-circuit.js';
import { tradingStates } from '../controls/trading-controls.js';
import type { RiskLimits } from '../rules/index.js';
import type { ApiOptions } from './api-options.js';
import { decimalSchema, timeSchema } from './api-values.js';

const healthSchema = z.enum(['HEALTHY', 'DEGRADED', 'OFFLINE']);
/** Who last changed a control, and why. */
export const changeSchema = z.object({ by: z.string(), reason: z.string(), at: timeSchema });

export const riskSchema = z.object({
  trading_state: z.enum(tradingStates),
  trading_state_change: changeSchema.nullable(),
  buy_guard: z.object({
    active: z.boolean(),
    env: z.boolean().describe('HOOKLINE_BUY_GUARD'),
    file: z.boolean().describe('true while HOOKLINE_BUY_GUARD_FILE exists'),
    file_path: z.string().nullable(),
    api: z.boolean().describe('POST /api/admin/buy-guard'),
    api_change: changeSchema.nullable(),
  }),
  exchange_health: healthSchema,
  reducing_symbols: z.record(z.string(), z.string()),
  entries_held_because: z.string().nullable(),
  limits: z.object({
    max_quote_age_ms: z.number(),
    daily_loss_limit_pct: decimalSchema,
    daily_loss_limit_amount: decimalSchema.nullable(),
    max_open_positions: z.number(),
    max_position_pct: decimalSchema,
    loss_streak_length: z.number(),
    loss_streak_cooldown_ms: z.number(),
    symbol_cooldown_ms: z.number(),
    max_orders_per_window: z.number(),
    order_rate_window_ms: z.number(),
    max_spread_bps: decimalSchema.describe('HOOKLINE_RISK_MAX_SPREAD_BPS; 0 = off'),
    max_immediate_loss_pct: decimalSchema.describe('HOOKLINE_RISK_MAX_IMMEDIATE_LOSS_PCT'),
    max_alert_age_ms: z.number().describe('HOOKLINE_RISK_MAX_ALERT_AGE_MS; 0 = off'),
    max_price_deviation_pct: decimalSchema.describe('HOOKLINE_RISK_MAX_PRICE_DEVIATION_PCT; 0 = off'),
    min_momentum_24h_pct: decimalSchema
      .nullable()
      .describe('HOOKLINE_RISK_MIN_MOMENTUM_24H_PCT; null = that side of the momentum filter is off'),
    max_momentum_24h_pct: decimalSchema
      .nullable()
      .describe('HOOKLINE_RISK_MAX_MOMENTUM_24H_PCT; null = that side of the momentum filter is off'),
  }),
});

const breakerSchema = z.object({
  health: healthSchema,
  state: z.enum(['CLOSED', 'OPEN', 'HALF_OPEN']).nullable(),
  consecutive_failures: z.number().nullable(),
  last_failure: z.string().nullable(),
  last_failure_at: timeSchema.nullable(),
  opened_at: timeSchema.nullable(),
  half_opens_at: timeSchema.nullable(),
  rejected_while_open: z.number().nullable(),
  urgent_probes: z.number().nullable(),
});

// The top-level state fields are the orders breaker's (what exits depend on); `health` is the worse
// of both (what entries depend on); `breakers` shows each.
export const circuitSchema = z.object({
  exchange: z.string(),
  health: healthSchema,
  breakers: z.object({ market_data: breakerSchema, orders: breakerSchema }),
  state: z.enum(['CLOSED', 'OPEN', 'HALF_OPEN']).nullable(),
  consecutive_failures: z.number().nullable(),
  last_failure: z.string().nullable(),
  last_failure_at: timeSchema.nullable(),
  opened_at: timeSchema.nullable(),
  half_opens_at: timeSchema.nullable(),
  rejected_while_open: z.number().nullable(),
  note: z.string().nullable(),
});

/** Registers GET /api/risk and GET /api/circuit. */
export function registerRiskRoutes(app: FastifyInstance, options: ApiOptions): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/risk',
    {
      schema: {
        summary: 'Trading state, the three buy-guard sources and the risk limits in force',
        tags: ['read'],
        response: { 200: riskSchema },
      },
    },
    async () => await readRiskView(options),
  );
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/circuit',
    {
      schema: {
        summary: "The exchange's circuit breakers (market data, orders): state and health",
        tags: ['read'],
        response: { 200: circuitSchema },
      },
    },
    () => readCircuitView(options),
  );
}

function limitsView(limits: RiskLimits): z.output<typeof riskSchema>['limits'] {
  return {
    max_quote_age_ms: limits.maxQuoteAgeMs,
    daily_loss_limit_pct: toPlainString(limits.dailyLossLimitPct),
    daily_loss_limit_amount:
      limits.dailyLossLimitAmount === undefined ? null : toPlainString(limits.dailyLossLimitAmount),
    max_open_positions: limits.maxOpenPositions,
    max_position_pct: toPlainString(limits.maxPositionPct),
    loss_streak_length: limits.lossStreakLength,
    loss_streak_cooldown_ms: limits.lossStreakCooldownMs,
    symbol_cooldown_ms: limits.symbolCooldownMs,
    max_orders_per_window: limits.maxOrdersPerWindow,
    order_rate_window_ms: limits.orderRateWindowMs,
    max_spread_bps: toPlainString(limits.maxSpreadBps),
    max_immediate_loss_pct: toPlainString(limits.maxImmediateLossPct),
    max_alert_age_ms: limits.maxAlertAgeMs,
    max_price_deviation_pct: toPlainString(limits.maxPriceDeviationPct),
    min_momentum_24h_pct: optionalText(limits.minMomentum24hPct),
    max_momentum_24h_pct: optionalText(limits.maxMomentum24hPct),
  };
}

function optionalText(value: Decimal | undefined): string | null {
  return value === undefined ? null : toPlainString(value);
}

/** The answer of GET /api/risk (also part of GET /api/overview). */
export async function readRiskView(
  options: Pick<ApiOptions, 'controls' | 'limits'>,
): Promise<z.output<typeof riskSchema>> {
  const snapshot = await options.controls.snapshot();
  const change = (value: { by: string; reason: string; at: string } | undefined) =>
    value === undefined ? null : { by: value.by, reason: value.reason, at: value.at };
  return {
    trading_state: snapshot.tradingState,
    trading_state_change: change(snapshot.tradingStateChange),
    buy_guard: {
      active: snapshot.buyGuard.active,
      env: snapshot.buyGuard.env,
      file: snapshot.buyGuard.file,
      file_path: snapshot.buyGuard.filePath ?? null,
      api: snapshot.buyGuard.api,
      api_change: change(snapshot.buyGuard.apiChange),
    },
    exchange_health: snapshot.exchangeHealth,
    reducing_symbols: snapshot.reducingSymbols,
    entries_held_because: snapshot.entriesHeldBecause ?? null,
    limits: limitsView(options.limits),
  } satisfies z.output<typeof riskSchema>;
}

/** The answer of GET /api/circuit (also part of GET /api/overview). */
export function readCircuitView(options: Pick<ApiOptions, 'exchange'>): z.output<typeof circuitSchema> {
  const circuit = readCircuit(options.exchange);
  const status = circuit.circuits?.orders;
  const time = (value: Date | undefined) => value?.toISOString() ?? null;
  const breaker = (health: ExchangeHealth, one: CircuitStatus | undefined) => ({
    health,
    state: one?.state ?? null,
    consecutive_failures: one?.consecutiveFailures ?? null,
    last_failure: one?.lastFailure ?? null,
    last_failure_at: time(one?.lastFailureAt),
    opened_at: time(one?.openedAt),
    half_opens_at: time(one?.halfOpensAt),
    rejected_while_open: one?.rejectedWhileOpen ?? null,
    urgent_probes: one?.urgentProbes ?? null,
  });
  return {
    exchange: circuit.exchange,
    health: circuit.health,
    breakers: {
      market_data: breaker(circuit.marketDataHealth, circuit.circuits?.marketData),
      orders: breaker(circuit.ordersHealth, status),
    },
    state: status?.state ?? null,
    consecutive_failures: status?.consecutiveFailures ?? null,
    last_failure: status?.lastFailure ?? null,
    last_failure_at: time(status?.lastFailureAt),
    opened_at: time(status?.openedAt),
    half_opens_at: time(status?.halfOpensAt),
    rejected_while_open: status?.rejectedWhileOpen ?? null,
    note: circuit.note ?? null,
  } satisfies z.output<typeof circuitSchema>;
}
