// The account's open positions as the sentinel needs them: the open FIFO lots (view open_lots)
// summed per symbol, with the entry time of the oldest open lot. One query per sweep.
import { type Decimal, dec } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import type { Market } from '@hookline/exchange';

/** One open position of the ledger. */
export interface HeldPositionRow {
  readonly symbol: string;
  /** The base asset (`BTC` of `BTC/USD`), upper case. */
  readonly base: string;
  readonly amount: Decimal;
  /** Cost of the open lots including buy fees (quote currency). */
  readonly costBasis: Decimal;
  /** costBasis / amount: what P&L is measured against. */
  readonly averageCost: Decimal;
  /** Buy time of the oldest open lot. */
  readonly entryTimeMs: number;
  /** Below the market's minimum amount: the exchange would refuse any sell of it. */
  readonly belowMinimum: boolean;
  /** The market, when the exchange lists it. */
  readonly market: Market | undefined;
}

/** Reads the open positions of `account`, ordered by symbol. */
export async function readHeldPositions(
  prisma: PrismaClient,
  account: string,
  markets: readonly Market[],
): Promise<HeldPositionRow[]> {
  const rows = await prisma.$queryRaw<Array<{ symbol: string; amount: string; cost: string; entry: Date }>>`
    SELECT symbol, SUM(remaining_size)::text AS amount, SUM(remaining_cost_basis_usd)::text AS cost,
           MIN(buy_time) AS entry
    FROM open_lots WHERE account = ${account} GROUP BY symbol ORDER BY symbol`;
  const bySymbol = new Map(markets.map((market) => [market.symbol, market]));
  return rows.map((row) => {
    const amount = dec(row.amount);
    const costBasis = dec(row.cost);
    const market = bySymbol.get(row.symbol);
    return {
      symbol: row.symbol,
      base: (market?.base ?? row.symbol.split('/')[0] ?? row.symbol).toUpperCase(),
      amount,
      costBasis,
      averageCost: amount.isZero() ? dec(0) : costBasis.dividedBy(amount),
      entryTimeMs: row.entry.getTime(),
      belowMinimum: market !== undefined && amount.lessThan(market.minAmount),
      market,
    };
  });
}
