// webhook.alert_to_order: from the HTTP request of an alert to its entry order acknowledged, through the
// real service in paper mode (ingress → Postgres → BullMQ alert.process → risk gate → executor → paper
// exchange → trade_records OPEN/FILLED).
import { performance } from 'node:perf_hooks';
import { BENCH_PASSPHRASE, startBenchServer } from './webhook-server.js';

/** The paper markets the alerts rotate over (TradingView tickers). */
const TICKERS = ['COINBASE:BTCUSD', 'COINBASE:ETHUSD', 'COINBASE:SOLUSD'];
const ACKNOWLEDGED = ['OPEN', 'PARTIALLY_FILLED', 'FILLED'] as const;

export interface AlertToOrderFigures {
  /** Alerts that ended in an acknowledged order (the samples). */
  orders: number;
  /** Alerts the risk gate did not order (not sampled). */
  not_ordered: number;
  /** HTTP request sent → trade_records row seen OPEN/PARTIALLY_FILLED/FILLED (polled every ~1 ms). */
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  /** HTTP request sent → the paper exchange's createOrder resolved (before the executor persists it). */
  exchange_ack_p50_ms: number;
  exchange_ack_p99_ms: number;
}

/** The q-quantile (nearest rank) of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Posts `alerts` buy alerts one at a time (no queueing behind each other) and times each. The service
 * runs with the production risk limits (at most 10 orders a minute, 8 positions), so every `batch`
 * alerts the benchmark starts the account over: its orders, fills and decisions are deleted and the
 * paper venue is replaced by a fresh one. The reset happens between samples, never inside one.
 */
export async function benchmarkAlertToOrder(options: {
  alerts: number;
  /** Alerts posted first and not sampled (connection pools, JIT, BullMQ worker warm-up). */
  warmup?: number;
}): Promise<AlertToOrderFigures> {
  const warmup = options.warmup ?? 3;
  let lastAck: number | undefined;
  const server = await startBenchServer({
    onOrderAcknowledged: () => {
      lastAck = performance.now();
    },
  });
  const prisma = server.database.prisma;
  const latencies: number[] = [];
  const ackLatencies: number[] = [];
  let notOrdered = 0;
  try {
    const batch = TICKERS.length;
    for (let index = 0; index < warmup + options.alerts; index += 1) {
      if (index > 0 && index % batch === 0) {
        server.swapExchange();
        // One statement: the fill consumer may still be recording a fill of the old venue.
        await prisma.$executeRawUnsafe('TRUNCATE trade_records, decisions CASCADE');
      }
      const ordersBefore = await prisma.tradeRecord.count({ where: { status: { in: [...ACKNOWLEDGED] } } });
      const decisionsBefore = await prisma.decision.count();
      lastAck = undefined;
      const body = JSON.stringify({
        passphrase: BENCH_PASSPHRASE,
        id: `bench-order-${index}-${Date.now()}`,
        ticker: TICKERS[index % batch],
        action: 'buy',
        time: new Date().toISOString(),
      });
      const started = performance.now();
      const response = await fetch(`${server.url}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`alert refused with HTTP ${response.status}`);
      const deadline = Date.now() + 30_000; // a deadline only: a loaded machine (a test run in parallel) can be slow
      for (;;) {
        const orders = await prisma.tradeRecord.count({ where: { status: { in: [...ACKNOWLEDGED] } } });
        if (orders > ordersBefore) {
          if (index < warmup) break;
          latencies.push(performance.now() - started);
          if (lastAck !== undefined) ackLatencies.push(lastAck - started);
          break;
        }
        const decided = await prisma.decision.findMany({
          where: { outcome: { not: 'ORDERED' } },
          select: { reasonCode: true },
        });
        if (decided.length > 0 && (await prisma.decision.count()) > decisionsBefore) {
          if (index >= warmup) notOrdered += 1;
          await prisma.decision.deleteMany({ where: { outcome: { not: 'ORDERED' } } });
          break;
        }
        if (Date.now() > deadline) throw new Error(`alert ${index} reached no order within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
  } finally {
    await server.stop();
  }
  latencies.sort((a, b) => a - b);
  ackLatencies.sort((a, b) => a - b);
  return {
    orders: latencies.length,
    not_ordered: notOrdered,
    p50_ms: round(quantile(latencies, 0.5)),
    p99_ms: round(quantile(latencies, 0.99)),
    max_ms: round(latencies.at(-1) ?? Number.NaN),
    exchange_ack_p50_ms: round(quantile(ackLatencies, 0.5)),
    exchange_ack_p99_ms: round(quantile(ackLatencies, 0.99)),
  };
}
