// The shared seeded ledger fills as rows to record: a realistic, repeatable workload for tests.
import { SeededFillSource } from '../../../../test/support/seeded-fills.js';
import type { FillChannel, NewFill } from '../../src/index.js';

/** `count` seeded fills, received when executed, from the given exchange and channel. */
export function generatedFills(
  count: number,
  seed: number,
  origin: { exchange: string; ingestVia: FillChannel },
): NewFill[] {
  return new SeededFillSource(seed).take(count).map((fill) => ({
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
    feeUsd: fill.feeUsd,
    executedAt: fill.executedAt,
    receivedAt: fill.executedAt,
    ingestVia: origin.ingestVia,
  }));
}
