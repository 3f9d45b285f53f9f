// Fills for `ledger sync` tests, placed in the local Coinbase's history, and a comparable picture of
// what the ledger holds (fills and FIFO allocations without ids or insert times).
import { dec } from '@hookline/core';
import type { Database } from '@hookline/db';
import type { Fill } from '@hookline/exchange';
import type { CoinbaseTestServer } from '../../../../test/support/venues/coinbase-server/coinbase-server.js';

/** Seven BTC/USD fills an hour apart from `start`: buys then sells, so FIFO allocates across pages. */
export function historyFills(start: Date): Fill[] {
  const sides = ['buy', 'buy', 'buy', 'sell', 'buy', 'sell', 'sell'] as const;
  return sides.map((side, index) => ({
    tradeId: `trade-${index + 1}`,
    orderId: `order-${index + 1}`,
    clientOrderId: undefined,
    symbol: 'BTC/USD',
    side,
    price: dec(String(60_000 + index * 100)),
    amount: dec('0.01'),
    fee: dec('0.6'),
    feeCurrency: 'USD',
    liquidity: 'TAKER',
    executedAt: new Date(start.getTime() + index * 3_600_000),
  }));
}

/** Puts the fills into the venue's history (oldest first, as the venue records them). */
export function seedHistory(server: CoinbaseTestServer, fills: readonly Fill[]): void {
  server.venue.fills.splice(0, server.venue.fills.length, ...fills);
}

/** The ledger's rows, comparable across databases. */
export async function ledgerPicture(database: Database): Promise<unknown> {
  const fills = await database.prisma.fill.findMany({ orderBy: { tradeId: 'asc' } });
  const allocations = await database.prisma.fifoAllocation.findMany({
    include: { sellFill: true, buyFill: true },
  });
  return {
    fills: fills.map((fill) => [
      fill.account,
      fill.exchange,
      fill.tradeId,
      fill.side,
      String(fill.price),
      String(fill.size),
      String(fill.fee),
      fill.ingestVia,
    ]),
    allocations: allocations
      .map((row) =>
        [
          row.sellFill?.tradeId,
          row.buyFill?.tradeId,
          row.sliceIndex,
          String(row.allocatedSize),
          String(row.pnlUsd),
          String(row.costBasisUsd),
        ].join(' '),
      )
      .sort(),
  };
}
