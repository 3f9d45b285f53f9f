// The persistence benchmark behind `pnpm hookline bench`: generated fills recorded into a database in
// one transaction (insert + FIFO allocation + order aggregates + commit), as `ledger import` does.
import type { Clock } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import { type FillChannel, type NewFill, recordFills } from '@hookline/ledger-store';
import { BenchmarkFillSource } from './ledger-fills.js';

/** The figures of one import run. */
export interface ImportBenchmarkResult {
  readonly fills: number;
  readonly seconds: number;
  readonly fillsPerSecond: number;
  readonly allocations: number;
}

/** The engine benchmark's deterministic workload as fills to record. */
function generatedFills(
  count: number,
  seed: number,
  origin: { exchange: string; receivedAt?: Date; ingestVia: FillChannel },
): NewFill[] {
  return new BenchmarkFillSource(seed).take(count).map((fill) => ({
    account: fill.account,
    exchange: origin.exchange,
    tradeId: fill.tradeId,
    orderId: fill.orderId,
    symbol: fill.symbol,
    side: fill.side,
    price: fill.price,
    size: fill.size,
    fee: fill.fee,
    feeCurrency: fill.feeCurrency,
    feeUsd: fill.feeUsd ?? null,
    executedAt: fill.executedAt,
    receivedAt: origin.receivedAt ?? fill.executedAt,
    ingestVia: origin.ingestVia,
  }));
}

/** Records `fills` generated fills (the engine benchmark's workload) into an empty, migrated database. */
export async function benchmarkLedgerImport(
  prisma: PrismaClient,
  options: { fills: number; seed: number; clock: Clock },
): Promise<ImportBenchmarkResult> {
  const receivedAt = options.clock.now();
  const fills = generatedFills(options.fills, options.seed, {
    exchange: 'bench',
    receivedAt,
    ingestVia: 'IMPORT',
  });
  const started = options.clock.nowMs();
  const result = await recordFills(prisma, fills, { unknownOrderOrigin: 'IMPORT', timeoutMs: 60 * 60_000 });
  const seconds = (options.clock.nowMs() - started) / 1000;
  return {
    fills: result.inserted,
    seconds,
    fillsPerSecond: seconds > 0 ? Math.round(result.inserted / seconds) : 0,
    allocations: result.allocations,
  };
}
