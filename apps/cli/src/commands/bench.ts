import { parseArgs } from 'node:util';
import { SystemClock } from '@hookline/core';
import { UsageError } from '../usage.js';

// Each benchmark imports what it measures when it runs: the engine's figure must not include the
// heap and collector work of modules it never uses (ccxt alone is tens of MB).

/** One benchmark: a name and the figures it measured (plain numbers, as `--json` prints them). */
type Figures = Record<string, number>;

/** Sizes of the full suite; `--quick` divides them so a smoke test can run the same code. */
const SIZES = {
  engineFills: 1_000_000,
  importFills: 100_000,
  paperOrders: 20_000,
  streamMessages: 50_000,
  ingestSeconds: 10,
  alertsToOrder: 300,
  matrixSymbols: 500,
  matrixCandles: 1_000,
  sweepPositions: 10_000,
};

const BENCHMARKS: Record<string, (scale: number) => Promise<Figures>> = {
  'ledger.engine': async (scale) => {
    const { benchmarkEngine } = await import('@hookline/ledger');
    const result = benchmarkEngine({
      fills: Math.max(1_000, Math.round(SIZES.engineFills / scale)),
      seed: 1,
      clock: new SystemClock(),
      heapUsedBytes: () => process.memoryUsage().heapUsed,
    });
    return {
      fills: result.fills,
      seconds: result.seconds,
      fills_per_second: result.fillsPerSecond,
      heap_used_mb: result.heapUsedMb,
    };
  },
  'ledger.import_postgres': async (scale) => {
    const { hasPostgresBinaries, startLocalPostgres } = await import('@hookline/runtime');
    const { migrateDatabase, openDatabase } = await import('@hookline/db');
    const { benchmarkLedgerImport } = await import('@hookline/ledger-store');
    if (!hasPostgresBinaries())
      throw new Error('PostgreSQL server binaries not found (apt-get install -y postgresql)');
    // A private throwaway server: a benchmark never writes into the user's database.
    const server = await startLocalPostgres();
    try {
      await migrateDatabase({ databaseUrl: server.url, dataDir: '.' });
      const database = await openDatabase({ databaseUrl: server.url, dataDir: '.' });
      try {
        const fills = Math.max(1_000, Math.round(SIZES.importFills / scale));
        const result = await benchmarkLedgerImport(database.prisma, {
          fills,
          seed: 1,
          clock: new SystemClock(),
        });
        return {
          fills: result.fills,
          seconds: result.seconds,
          fills_per_second: result.fillsPerSecond,
          allocations: result.allocations,
        };
      } finally {
        await database.close();
      }
    } finally {
      await server.stop();
    }
  },
  'exchange.paper': async (scale) => {
    const { benchmarkPaperExchange } = await import('@hookline/exchange');
    const result = await benchmarkPaperExchange({
      orders: Math.max(100, Math.round(SIZES.paperOrders / scale)),
      seed: 1,
    });
    return {
      orders: result.orders,
      seconds: result.seconds,
      orders_per_second: result.ordersPerSecond,
      fills_per_second: result.fillsPerSecond,
      stream_events_per_second: result.streamEventsPerSecond,
    };
  },
  'exchange.coinbase_user_stream': async (scale) => {
    const { benchmarkCoinbaseUserStream } = await import('@hookline/exchange');
    const result = benchmarkCoinbaseUserStream({
      messages: Math.max(500, Math.round(SIZES.streamMessages / scale)),
    });
    return {
      messages: result.messages,
      seconds: result.seconds,
      messages_per_second: result.messagesPerSecond,
      events_per_second: result.eventsPerSecond,
    };
  },
  // Real service on a private Postgres and redis-server, loopback only; ~10 s per target (1 s --quick).
  'webhook.ingest': async (scale) => ({
    ...(await (
      await import('../bench/webhook-ingest.js')
    ).benchmarkWebhookIngest({ seconds: scale > 1 ? 1 : SIZES.ingestSeconds })),
  }),
  'webhook.alert_to_order': async (scale) => ({
    ...(await (
      await import('../bench/alert-to-order.js')
    ).benchmarkAlertToOrder({ alerts: scale > 1 ? 20 : SIZES.alertsToOrder })),
  }),
  // Cold start of every symbol from its history, then one new candle for all (target < 50 ms).
  'sighook.matrix': async (scale) => {
    const { benchmarkMatrix } = await import('@hookline/sighook');
    const result = benchmarkMatrix({
      symbols: Math.max(5, Math.round(SIZES.matrixSymbols / scale)),
      // --quick keeps enough candles for every indicator to warm up (MACD needs 34).
      candles: Math.max(100, Math.round(SIZES.matrixCandles / scale)),
      seed: 1,
    });
    return {
      symbols: result.symbols,
      candles_per_symbol: result.candles_per_symbol,
      one_candle_ms: result.one_candle_ms,
      cold_start_ms: result.cold_start_ms,
      rows_per_second: result.rows_per_second,
    };
  },
  // One exit-sentinel sweep over every open position (target < 30 ms for 10,000).
  'sentinel.sweep': async (scale) => ({
    ...(await import('../bench/sentinel-sweep.js')).benchmarkSentinelSweep({
      positions: Math.max(100, Math.round(SIZES.sweepPositions / scale)),
    }),
  }),
};

/** `bench [--json] [--only NAME] [--quick]`: runs the benchmarks and prints their figures. */
export async function runBenchCommand(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      json: { type: 'boolean' },
      only: { type: 'string', multiple: true },
      quick: { type: 'boolean' },
    },
  });
  const names = values.only ?? Object.keys(BENCHMARKS);
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length)
    throw new UsageError(
      `unknown benchmark ${unknown.join(', ')}: expected ${Object.keys(BENCHMARKS).join(', ')}`,
    );
  const scale = values.quick ? 100 : 1;
  const results: Record<string, Figures> = {};
  for (const name of names) {
    const run = BENCHMARKS[name];
    if (!run) continue;
    if (!values.json) process.stdout.write(`${name} ...\n`);
    results[name] = await run(scale);
    if (!values.json) {
      for (const [figure, value] of Object.entries(results[name] ?? {}))
        process.stdout.write(`  ${figure}: ${value}\n`);
    }
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`);
  return 0;
}
