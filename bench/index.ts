import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
// @hookline/bench: the benchmarks behind `pnpm hookline bench`, kept out of the production packages.
// Only the CLI imports this package. Each benchmark imports what it measures when it runs: a figure
// must not include the heap and collector work of modules it never uses (ccxt alone is tens of MB).
import { SystemClock } from '@hookline/core';

/** One benchmark's figures: plain numbers by name, as `--json` prints them. */
export type Figures = Record<string, number>;

/** Sizes of the full suite; `quick` divides them so a smoke test can run the same code. */
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
  dashboardPositions: 1_000,
  dashboardDecisions: 100_000,
  // The target is 10 × 50,000; the engine is far from it (bench note in docs/backtest.md), so the full
  // run measures 10 × 2,000 and projects.
  backtestSymbols: 10,
  backtestCandles: 2_000,
};

const BENCHMARKS: Record<string, (scale: number) => Promise<Figures>> = {
  'ledger.engine': async (scale) => {
    const { benchmarkEngine } = await import('./ledger-engine.js');
    const result = benchmarkEngine({
      fills: Math.max(1_000, Math.round(SIZES.engineFills / scale)),
      seed: 1,
      clock: new SystemClock(),
      heapUsedBytes: () => process.memoryUsage().heapUsed,
      settleHeap: v8Collector(),
      cpuMicros: () => {
        const used = process.cpuUsage();
        return used.user + used.system;
      },
    });
    return {
      fills: result.fills,
      seconds: result.seconds,
      fills_per_second: result.fillsPerSecond,
      fills_per_cpu_second: result.fillsPerCpuSecond,
      target_fills_per_second: 1_000_000,
      heap_used_mb: result.heapUsedMb,
    };
  },
  'ledger.import_postgres': async (scale) => {
    const { hasPostgresBinaries, startLocalPostgres } = await import('@hookline/runtime');
    const { migrateDatabase, openDatabase } = await import('@hookline/db');
    const { benchmarkLedgerImport } = await import('./ledger-import.js');
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
          target_fills_per_second: 20_000,
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
    const { benchmarkPaperExchange } = await import('./exchange-paper.js');
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
    const { benchmarkCoinbaseUserStream } = await import('./coinbase-user-stream.js');
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
  // Real service on a private Postgres and redis-server, loopback only; ~10 s per target (1 s quick);
  // target 5,000 alerts/s with p99 < 25 ms.
  'webhook.ingest': async (scale) => ({
    ...(await (
      await import('./webhook-ingest.js')
    ).benchmarkWebhookIngest({ seconds: scale > 1 ? 1 : SIZES.ingestSeconds })),
  }),
  'webhook.alert_to_order': async (scale) => ({
    ...(await (
      await import('./alert-to-order.js')
    ).benchmarkAlertToOrder({ alerts: scale > 1 ? 20 : SIZES.alertsToOrder })),
  }),
  // The webhook as its own process under 1,000 alerts/s for 10 minutes: its resident memory must stay
  // flat (target growth 0 MB after a minute's warm-up).
  'webhook.soak': async (scale) => {
    const { benchmarkWebhookSoak } = await import('./webhook-soak.js');
    return await benchmarkWebhookSoak(
      scale > 1
        ? { seconds: 8, alertsPerSecond: 100, warmupSeconds: 2, sampleEverySeconds: 1 }
        : { seconds: 600, alertsPerSecond: 1_000, warmupSeconds: 60, sampleEverySeconds: 5 },
    );
  },
  // 1, 2 and 3 webhook processes on one PostgreSQL, Redis and local Coinbase, the same 16 connections
  // spread across them, 10 s each (quick: 1 and 2 replicas, 2 s), beside the bare route.
  'webhook.replicas': async (scale) => {
    const { benchmarkWebhookReplicas } = await import('./webhook-replicas.js');
    return await benchmarkWebhookReplicas(
      scale > 1 ? { seconds: 2, replicaCounts: [1, 2] } : { seconds: 10, replicaCounts: [1, 2, 3] },
    );
  },
  // Cold start of every symbol from its history, then one new candle for all (target < 50 ms).
  'sighook.matrix': async (scale) => {
    const { benchmarkMatrix } = await import('./sighook-matrix.js');
    const result = benchmarkMatrix({
      symbols: Math.max(5, Math.round(SIZES.matrixSymbols / scale)),
      // quick keeps enough candles for every indicator to warm up (MACD needs 34).
      candles: Math.max(100, Math.round(SIZES.matrixCandles / scale)),
      seed: 1,
    });
    return {
      symbols: result.symbols,
      candles_per_symbol: result.candles_per_symbol,
      one_candle_ms: result.one_candle_ms,
      target_one_candle_ms: 50,
      cold_start_ms: result.cold_start_ms,
      rows_per_second: result.rows_per_second,
    };
  },
  // One exit-sentinel sweep over every open position (target < 30 ms for 10,000).
  'sentinel.sweep': async (scale) => ({
    ...(await import('./sentinel-sweep.js')).benchmarkSentinelSweep({
      positions: Math.max(100, Math.round(SIZES.sweepPositions / scale)),
    }),
    target_sweep_ms_median: 30,
  }),
  // The sweep as the service runs it, over real PostgreSQL and Redis: 1,000 then 10,000 positions
  // (targets < 100 ms and < 500 ms a sweep), with each phase's median.
  'sentinel.sweep_io': async (scale) => {
    const { benchmarkSentinelSweepIo } = await import('./sentinel-sweep-io.js');
    return await benchmarkSentinelSweepIo(
      scale > 1 ? { stages: [20, 100], sweeps: 3 } : { stages: [1_000, 10_000], sweeps: 10 },
    );
  },
  // The backtest engine over generated 1m candles: candles per second and memory (target: 500k < 60 s).
  backtest: async (scale) => {
    const { benchmarkBacktest } = await import('./backtest.js');
    return await benchmarkBacktest({
      symbols: scale > 1 ? 2 : SIZES.backtestSymbols,
      candles: scale > 1 ? 300 : SIZES.backtestCandles,
    });
  },
  // The dashboard on the real service with 1,000 positions and 100,000 decisions (targets: first load
  // < 1 s, one sweep's update to 10 streams < 50 ms); needs `pnpm dashboard:build`.
  dashboard: async (scale) => {
    const { benchmarkDashboard } = await import('./dashboard.js');
    const { fileURLToPath } = await import('node:url');
    return await benchmarkDashboard({
      positions: Math.max(10, Math.round(SIZES.dashboardPositions / scale)),
      decisions: Math.max(1_000, Math.round(SIZES.dashboardDecisions / scale)),
      browsers: 10,
      loads: scale > 1 ? 2 : 10,
      sweeps: scale > 1 ? 2 : 10,
      dist: fileURLToPath(new URL('../apps/dashboard/dist/', import.meta.url)),
    });
  },
};

/** The benchmarks' names, in the order a full run takes them. */
export const benchmarkNames: readonly string[] = Object.keys(BENCHMARKS);

/** Runs one benchmark by name; `quick` divides its size by 100 (a smoke test of the same code). */
export async function runBenchmark(name: string, options: { quick?: boolean } = {}): Promise<Figures> {
  const run = BENCHMARKS[name];
  if (!run) throw new Error(`unknown benchmark ${name}: expected ${benchmarkNames.join(', ')}`);
  return run(options.quick ? 100 : 1);
}

// V8's full garbage collection, exposed at run time (the flag alone does not define \`gc\` in a context
// that already exists; a new one gets it).
function v8Collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
