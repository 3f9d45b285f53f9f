// The backtest's engine: the real sighook matrix, entry path (sighook's entry alert, the risk gate,
// the preflight and the order executor, run as the `alert.process` job), sentinel with every exit rule,
// exit executor and ledger, built by the one webhook system builder, against the paper exchange on a
// virtual clock. Time moves through each candle's four points (open → low → high → close, the worst
// case for a long position's stops); the matrix row of candle t is published at its close, which is
// candle t+1's open, so an order decided on candle t fills at t+1's prices at the earliest.
import type { EquityPoint } from '@hookline/backtest';
import { type Decimal, dec, TestClock, ZERO } from '@hookline/core';
import {
  type CandleRow,
  type CandleTimeframe,
  candleQuotes,
  candleTimeframeMs,
  PaperExchange,
  type PaperMarketSpec,
  ReplayPriceSource,
} from '@hookline/exchange';
import { MemoryMatrix } from '@hookline/runtime';
import type { Config, MatrixRow } from '@hookline/schemas';
import { computeMatrixFromCandles, matrixSettingsFromConfig, SighookEntries } from '@hookline/sighook';
import { type BacktestTradeRow, readBacktestTrades, type StoreSource, storeOf } from '@hookline/store';
import { buildWebhookSystem, ReplayFillSync, replayIdGenerator, replayMarketSpecs } from '@hookline/webhook';
import type { Logger } from 'pino';
import { type BacktestFillModel, defaultFillModel, paperFillOptions } from './fill-model.js';

/** One symbol's candles, oldest first, validated. */
export interface BacktestSeries {
  readonly symbol: string;
  readonly rows: readonly CandleRow[];
}

/** What a backtest runs on. */
export interface BacktestEngineOptions {
  /** An empty migrated database. */
  readonly database: StoreSource;
  readonly series: readonly BacktestSeries[];
  readonly timeframe: CandleTimeframe;
  readonly config: Config;
  readonly logger: Logger;
  /** Paper USD at the start. */
  readonly initialCash: Decimal;
  /** No entry before this time (candles before it warm the indicators up). */
  readonly fromMs?: number | undefined;
  /**
   * Default true: the database is the backtest's own, so the sentinel keeps what it wrote instead of
   * reading it back every sweep (WebhookOverrides.soleWriter). False reads back as the live sentinel
   * does: the same run, slower (the tests compare the two).
   */
  readonly soleWriter?: boolean;
  /** Volume cap and latency of the fills (default `defaultFillModel`). */
  readonly fillModel?: BacktestFillModel | undefined;
}

/** The report's equity point at one candle's close (cash plus holdings at the close), and whether anything was held. */
export interface EquitySample extends EquityPoint {
  /** True when anything was held at this close. */
  readonly exposed: boolean;
}

/** A position's trailing stop as the sentinel left it after a sweep. */
export interface StopSample {
  readonly timeMs: number;
  readonly symbol: string;
  readonly stop: Decimal;
}

/** What the engine produced; the report is computed from it. */
export interface BacktestRun {
  readonly symbols: readonly string[];
  readonly trades: readonly BacktestTradeRow[];
  readonly equity: readonly EquitySample[];
  /** First and last close per symbol in the traded period (buy and hold), and the last close's time. */
  readonly closes: ReadonlyMap<string, SymbolRange>;
  readonly decisions: readonly MatrixRow[];
  readonly candles: number;
  /** Every sweep's trailing stops, in time order (for the chart). */
  readonly trailingStops: readonly StopSample[];
}

/** A symbol's first and last close in the traded period. */
export interface SymbolRange {
  readonly first: Decimal;
  readonly last: Decimal;
  readonly lastTimeMs: number;
}

interface Step {
  readonly timeMs: number;
  /** Matrix rows whose candle closed at this time. */
  readonly closed: MatrixRow[];
  /** Symbols whose candle reached its close point at this time, with the close. */
  readonly closes: Array<{ symbol: string; close: Decimal }>;
}

/** Runs the backtest to the end of the data and returns its trades and equity curve. */
export async function runBacktestEngine(options: BacktestEngineOptions): Promise<BacktestRun> {
  const { config, logger } = options;
  const intervalMs = candleTimeframeMs[options.timeframe];
  const specs = replayMarketSpecs(options.series.map((series) => series.symbol));
  const specOf = (symbol: string) => specs[options.series.findIndex((series) => series.symbol === symbol)];
  const series = options.series.map((item) => ({ ...item, spec: specOf(item.symbol) as PaperMarketSpec }));
  const settings = matrixSettingsFromConfig(config);
  const steps = stepsOf(series, intervalMs, options.timeframe, settings);
  // The close of each symbol's last candle: a BUY decided there has no next candle to fill in (an
  // order would meet the last quote again, after the data, and its END_OF_DATA exit would precede it).
  const dataEndMs = new Map(
    series.map((item) => [item.spec.market.symbol, (item.rows.at(-1)?.timeMs ?? 0) + intervalMs]),
  );
  const first = steps[0];
  if (first === undefined) throw new Error('the candle files have no candles');
  const clock = new TestClock(first.timeMs);
  const account = config.HOOKLINE_ACCOUNT ?? 'backtest';
  const store = storeOf(options.database, {
    usdCurrencies: config.HOOKLINE_LEDGER_USD_CURRENCIES,
    rowIds: replayIdGenerator(clock, account),
  });
  const quotes = series.flatMap((item) => candleQuotes(item.rows, item.spec, intervalMs, 'low-first'));
  const exchange = new PaperExchange({
    clock,
    markets: specs,
    priceSource: new ReplayPriceSource(quotes),
    initialBalances: { USD: options.initialCash },
    name: 'paper',
    ...paperFillOptions(options.fillModel ?? defaultFillModel),
  });
  const matrix = new MemoryMatrix();
  const runConfig = backtestConfig(config, account, intervalMs);
  const system = await buildWebhookSystem(
    { config: runConfig, store, exchange, clock, logger, redis: undefined },
    { matrix: matrix.read, soleWriter: options.soleWriter ?? true },
  );
  const fills = new ReplayFillSync({ store, exchange, recorder: system.recorder, logger });
  const entries = new SighookEntries({
    store,
    queue: {
      enqueue: async (alertId) => {
        await system.processAlert(alertId);
        return `alert.process:${alertId}`;
      },
    },
    clock,
    ids: replayIdGenerator(clock, `${account}:alerts`),
    account,
    timeframeMs: intervalMs,
    maxAgeMs: config.HOOKLINE_MATRIX_MAX_AGE_MS,
    logger,
  });
  const fromMs = options.fromMs ?? Number.NEGATIVE_INFINITY;
  const equity: EquitySample[] = [];
  const decisions: MatrixRow[] = [];
  const lastClose = new Map<string, Decimal>();
  const closes = new Map<string, SymbolRange>();
  const trailingStops: StopSample[] = [];
  const holding = async () => {
    const balances = await exchange.fetchBalances();
    return Object.values(balances).some(
      (balance) => balance.currency !== 'USD' && balance.total.greaterThan(0),
    );
  };
  let wasHolding = false;
  for (const step of steps) {
    clock.set(step.timeMs);
    exchange.tick();
    await system.runDueJobs();
    await fills.sync();
    for (const row of step.closed) {
      matrix.write(row);
      if (step.timeMs < fromMs) continue;
      decisions.push(row);
      if (row.action === 'BUY' && step.timeMs < (dataEndMs.get(row.symbol) ?? Number.POSITIVE_INFINITY)) {
        await entries.consider(row, lastClose.get(row.symbol) ?? null);
        await fills.sync();
      }
    }
    // Nothing held: no position to watch and no exit can be working (an exit sells what is held);
    // one more sweep after the last unit went lets the exit record its end.
    const held = await holding();
    if (held || wasHolding) {
      const swept = await system.sentinel.sweepOnce();
      for (const { symbol, stop } of swept?.trailingStops ?? [])
        trailingStops.push({ timeMs: step.timeMs, symbol, stop });
      await fills.sync();
    }
    wasHolding = held;
    for (const { symbol, close } of step.closes) {
      lastClose.set(symbol, close);
      if (step.timeMs < fromMs) continue;
      const range = closes.get(symbol);
      closes.set(symbol, { first: range?.first ?? close, last: close, lastTimeMs: step.timeMs });
    }
    if (step.closes.length > 0 && step.timeMs >= fromMs)
      equity.push(await sample(exchange, step.timeMs, lastClose));
  }
  return {
    symbols: series.map((item) => item.spec.market.symbol),
    trades: await readBacktestTrades(store, account),
    equity,
    closes,
    decisions,
    candles: series.reduce((total, item) => total + item.rows.length, 0),
    trailingStops,
  };
}

// The times the engine stops at: each candle's four points, and each close (the next candle's open).
function stepsOf(
  series: ReadonlyArray<BacktestSeries & { spec: PaperMarketSpec }>,
  intervalMs: number,
  timeframe: CandleTimeframe,
  settings: ReturnType<typeof matrixSettingsFromConfig>,
): Step[] {
  const byTime = new Map<number, Step>();
  const at = (timeMs: number) => {
    let step = byTime.get(timeMs);
    if (step === undefined) {
      step = { timeMs, closed: [], closes: [] };
      byTime.set(timeMs, step);
    }
    return step;
  };
  for (const item of series) {
    const symbol = item.spec.market.symbol;
    const rows = computeMatrixFromCandles(item.rows, { symbol, timeframe, settings, rows: 'all' });
    item.rows.forEach((candle, index) => {
      for (let point = 0; point < 4; point += 1) at(candle.timeMs + Math.floor((point * intervalMs) / 4));
      at(candle.timeMs + Math.floor((3 * intervalMs) / 4)).closes.push({ symbol, close: candle.close });
      const row = rows[index];
      if (row !== undefined) at(candle.timeMs + intervalMs).closed.push(row);
    });
  }
  return [...byTime.values()].sort((a, b) => a.timeMs - b.timeMs);
}

// Cash and holdings valued at each symbol's latest close.
async function sample(
  exchange: PaperExchange,
  timeMs: number,
  lastClose: ReadonlyMap<string, Decimal>,
): Promise<EquitySample> {
  const balances = await exchange.fetchBalances();
  let equity = balances.USD?.total ?? ZERO;
  let exposed = false;
  for (const [symbol, close] of lastClose) {
    const base = symbol.split('/')[0] ?? symbol;
    const held = balances[base]?.total ?? ZERO;
    if (held.greaterThan(0)) exposed = true;
    equity = equity.plus(held.times(close));
  }
  return { time: new Date(timeMs), equity: dec(equity.toString()), exposed };
}

/**
 * The configuration a backtest runs under: the user's, with the account named and the frozen-feed rule
 * widened to two candles. That rule is meant for a live stream; a candle path moves every quarter
 * candle, and a quarter without a price change (a candle that opened at its low) is not a frozen feed.
 */
export function backtestConfig(config: Config, account: string, intervalMs: number): Config {
  return {
    ...config,
    HOOKLINE_ACCOUNT: account,
    HOOKLINE_QUOTE_FROZEN_AFTER_MS: Math.max(config.HOOKLINE_QUOTE_FROZEN_AFTER_MS, 2 * intervalMs),
  };
}
