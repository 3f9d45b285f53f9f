// `bench --only sentinel.sweep_io`: the exit sentinel's sweep as the service runs it, with its I/O.
// The webhook system is built by the service's own builder over a private PostgreSQL and Redis; the
// open positions are real ledger lots (buy fills recorded through the import path), every held
// symbol's quote comes from the quote cache fed by a ticker stream (every symbol once a second; the
// paper venue takes the orders), and its ATR and
// signal from a matrix row in Redis. Each timed sweep is `sentinel.sweepOnce()`: lease, working exits,
// markets, positions, states, quotes and rows read, rules, states written, exits started, "why not
// sold" recorded, the cap, and the protective stops: the venue holds every position's coins, so the
// warm-up rests one stop per position and each timed sweep reads and keeps them all.
// Targets: 1,000 positions < 100 ms, 10,000 < 500 ms a sweep.
import { performance } from 'node:perf_hooks';
import { dec, SystemClock } from '@hookline/core';
import { PaperExchange, type PaperMarketSpec, ScriptedPriceSource } from '@hookline/exchange';
import { type NewFill, recordFills } from '@hookline/ledger-store';
import { createLogger, writeLatestMatrixRow } from '@hookline/runtime';
import { type MatrixRow, parseConfig, tradingAccountOf } from '@hookline/schemas';
import { storeOf } from '@hookline/store';
import { buildWebhookSystem, replayMarketSpecs, SWEEP_PHASES, type SweepReport } from '@hookline/webhook';
import { startBenchInfrastructure } from './bench-infrastructure.js';
import { TickerFeed, withTickerFeed } from './ticker-feed.js';

/** Sizes of a run: positions per stage (each stage adds to the one before) and timed sweeps. */
export interface SweepIoOptions {
  readonly stages: readonly number[];
  readonly sweeps: number;
}

/** Targets per stage size, in milliseconds per sweep (median). */
const TARGET_MS: Readonly<Record<number, number>> = { 1000: 100, 10000: 500 };
// Prices from a few cents to tens of thousands, so the Decimal work sees every magnitude.
const PRICES = ['64000', '3100', '145.2', '0.5213', '7.84', '0.0243', '612.5', '1.0002'];
// One position in this many is bought 20 % above the market: the hard stop fires on it in the
// warm-up, which starts its exit (the protective stop canceled first), records the decision and sells
// it, as a real sweep does now and then; the timed sweeps then hold the rest.
const STOPPED_EVERY = 100;

/** Runs the stages and returns, per stage, the sweep's median and max and each phase's median. */
export async function benchmarkSentinelSweepIo(options: SweepIoOptions): Promise<Record<string, number>> {
  const total = Math.max(...options.stages);
  const markets = Array.from({ length: total }, (_, index) => marketSpec(index));
  const infrastructure = await startBenchInfrastructure();
  const clock = new SystemClock();
  // The venue's book stands at each market's starting price (its own random walk over 10,000 markets
  // would cost more than the sweep); the quotes the sentinel reads move, through the feed.
  const paper = new PaperExchange({
    clock,
    markets,

    historyMinutes: 0,
    priceSource: new ScriptedPriceSource(markets.map((spec) => startingQuote(spec, clock.nowMs()))),
  });
  const feed = new TickerFeed(
    new Map(markets.map((spec) => [spec.market.symbol, spec.walk.initialPrice.toNumber()])),
  );
  infrastructure.onStop(async () => feed.stop());
  const exchange = withTickerFeed(paper, feed);
  try {
    const config = parseConfig({
      MODE: 'paper',
      PORT: '1',
      WEBHOOK_PASSPHRASE: 'hookline-bench-passphrase',
      DATABASE_URL: infrastructure.postgresUrl,
      REDIS_URL: infrastructure.redisUrl,
      HOOKLINE_LOG_LEVEL: 'silent',
      HOOKLINE_RECONCILE_INTERVAL_MS: '86400000',
      // Every position is held on purpose: the cap (default 8) would sell all but a few.
      HOOKLINE_MAX_OPEN_POSITIONS: '10000',
    });
    const account = tradingAccountOf(config);
    const store = storeOf(infrastructure.database, { usdCurrencies: config.HOOKLINE_LEDGER_USD_CURRENCIES });
    const system = await buildWebhookSystem({
      config,
      store,
      exchange,
      clock,
      logger: createLogger({ level: 'silent', service: 'bench' }),
      redis: infrastructure.redis,
    });
    infrastructure.onStop(() => system.stop());
    const figures: Record<string, number> = {};
    let held = 0;
    for (const size of options.stages) {
      await hold(infrastructure, { account, exchange: exchange.name, from: held, to: size, clock });
      // The venue holds what the ledger holds, so the keeper rests a protective stop for every position
      // (placed in the warm-up) and each timed sweep reads and keeps them all, as in a funded account.
      for (let index = held; index < size; index += 1)
        paper.deposit((markets[index] as PaperMarketSpec).market.base, heldAmount(index));
      held = size;
      // Warm-up: the stream's first ticks, the lease, the first states written and exits started.
      for (let warm = 0; warm < 3; warm += 1) await system.sentinel.sweepOnce();
      const reports: SweepSample[] = [];
      for (let sweep = 0; sweep < options.sweeps; sweep += 1) {
        const started = performance.now();
        const cpu = process.cpuUsage();
        const report = await system.sentinel.sweepOnce();
        const ms = performance.now() - started;
        const { user, system: kernel } = process.cpuUsage(cpu);
        if (report === undefined)
          throw new Error('the sentinel did not sweep (lease not held, or it failed)');
        reports.push({ ms, cpuMs: (user + kernel) / 1000, report });
      }
      Object.assign(figures, stageFigures(size, reports));
    }
    return figures;
  } finally {
    await infrastructure.stop();
  }
}

/** One timed sweep: its wall time, this process's CPU time during it, and its report. */
interface SweepSample {
  readonly ms: number;
  readonly cpuMs: number;
  readonly report: SweepReport;
}

function stageFigures(size: number, reports: readonly SweepSample[]): Record<string, number> {
  const last = reports.at(-1)?.report;
  const figures: Record<string, number> = {
    [`p${size}_positions_read`]: last?.positions ?? 0,
    [`p${size}_sweep_ms_median`]: median(reports.map((entry) => entry.ms)),
    [`p${size}_sweep_ms_max`]: round(Math.max(...reports.map((entry) => entry.ms))),
    // Node's own CPU time in the sweep (the feed's ticks included); the rest is waiting on
    // PostgreSQL and Redis.
    [`p${size}_node_cpu_ms_median`]: median(reports.map((entry) => entry.cpuMs)),
  };
  const target = TARGET_MS[size];
  if (target !== undefined) figures[`target_p${size}_sweep_ms`] = target;
  for (const phase of SWEEP_PHASES) {
    figures[`p${size}_${phase}_ms`] = median(reports.map((entry) => entry.report.phaseMs[phase]));
  }
  figures[`p${size}_stale`] = last?.staleSymbols.length ?? 0;
  figures[`p${size}_trailing_stops`] = last?.trailingStops.length ?? 0;
  // Protective stops resting at the venue that the last sweep read and kept (one per position held).
  figures[`p${size}_protective_stops_kept`] =
    last?.protectiveStops.filter((outcome) => outcome.kind === 'KEEP').length ?? 0;
  return figures;
}

/** Market `index`: S<index>/USD (five digits) at one of the PRICES. */
function marketSpec(index: number): PaperMarketSpec {
  const symbol = `S${String(index).padStart(5, '0')}/USD`;
  // The replay's generic market (tick and step 1e-8, deep levels), at one of the PRICES.
  const [generic] = replayMarketSpecs([symbol]) as [PaperMarketSpec];
  const initialPrice = dec(PRICES[index % PRICES.length] as string);
  return { ...generic, walk: { ...generic.walk, initialPrice } };
}

function startingQuote(spec: PaperMarketSpec, timeMs: number) {
  const bid = spec.walk.initialPrice;
  const size = dec('1000000');
  return {
    symbol: spec.market.symbol,
    timeMs,
    bid,
    ask: bid.times('1.0002'),
    bidSize: size,
    askSize: size,
    volume: dec('0'),
  };
}

/** The buy price of position `index`: the market's price, 20 % above it for one in STOPPED_EVERY. */
function buyPrice(index: number) {
  return marketSpec(index).walk.initialPrice.times(index % STOPPED_EVERY === 0 ? '1.2' : '1');
}

/** The amount position `index` holds: about 100 USD at its buy price. */
function heldAmount(index: number) {
  return dec('100').dividedBy(buyPrice(index)).toDecimalPlaces(8);
}

/**
 * Positions for markets [from, to): a buy fill each (through the import path, so the ledger's lots
 * are real) worth about 100 USD, and the symbol's matrix row (ATR 0.4 % of the price, HOLD).
 */
async function hold(
  infrastructure: Awaited<ReturnType<typeof startBenchInfrastructure>>,
  range: { account: string; exchange: string; from: number; to: number; clock: SystemClock },
): Promise<void> {
  const now = range.clock.now();
  const fills: NewFill[] = [];
  for (let index = range.from; index < range.to; index += 1) {
    const spec = marketSpec(index);
    const price = buyPrice(index);
    fills.push({
      account: range.account,
      exchange: range.exchange,
      tradeId: `bench-sweep-${index}`,
      orderId: `bench-sweep-order-${index}`,
      symbol: spec.market.symbol,
      side: 'buy',
      price,
      size: heldAmount(index),
      fee: dec('0'),
      feeCurrency: 'USD',
      executedAt: now,
      receivedAt: now,
      ingestVia: 'IMPORT',
    });
    await writeLatestMatrixRow(infrastructure.redis, matrixRow(spec, now));
  }
  await recordFills(infrastructure.database.prisma, fills, { unknownOrderOrigin: 'IMPORT' });
}

function matrixRow(spec: PaperMarketSpec, now: Date): MatrixRow {
  const none = null;
  return {
    symbol: spec.market.symbol,
    timeframe: '5m',
    candle_time: new Date(now.getTime() - 300_000).toISOString(),
    computed_at: now.toISOString(),
    indicators: {
      rsi: '50',
      macd: none,
      macd_signal: none,
      macd_histogram: none,
      bb_upper: none,
      bb_middle: none,
      bb_lower: none,
      atr: none,
      roc: none,
      ema_fast: none,
      ema_slow: none,
      volume_ratio: none,
    },
    buy_score: '0',
    sell_score: '0',
    action: 'HOLD',
    atr: spec.walk.initialPrice.times('0.004').toString(),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.floor(sorted.length / 2)] ?? 0);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
