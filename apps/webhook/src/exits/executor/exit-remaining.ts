// What is left for an exit to sell, from three sources that each lag differently: what its orders
// sold (the exchange's count for an order that ended partly filled, since its last fills may not be
// in the ledger yet), the open lots of the position (the ledger), and the available balance (read by
// the caller). Taking the smallest never re-sells what already filled and never sells beyond the position.
import { type Decimal, dec, max, min, sum, ZERO } from '@hookline/core';
import { isExchangeError, type Market } from '@hookline/exchange';
import { type OrderRecord, readOpenPositions } from '@hookline/store';
import type { ExitExecutorDependencies } from './exit-context.js';

/** What the exit's orders (all terminal) have sold. */
export async function soldByExit(
  deps: ExitExecutorDependencies,
  rows: readonly OrderRecord[],
): Promise<Decimal> {
  const sold = await Promise.all(rows.map((row) => soldByOrder(deps, row)));
  return sum(sold);
}

async function soldByOrder(deps: ExitExecutorDependencies, row: OrderRecord): Promise<Decimal> {
  const recorded = dec(row.filledSize.toString());
  if (row.status === 'FILLED') return dec(row.size.toString());
  // Never acknowledged (abandoned, or rejected before the exchange had it): nothing traded.
  if (row.orderId === null || row.status === 'REJECTED') return recorded;
  try {
    const order = await deps.exchange.fetchOrder({ clientOrderId: row.clientOrderId, symbol: row.symbol });
    return max(recorded, order.filledAmount);
  } catch (error) {
    if (isExchangeError(error, 'NOT_FOUND')) return recorded;
    throw error;
  }
}

/** The open lots of the symbol (zero when none). */
export async function positionLeft(
  deps: ExitExecutorDependencies,
  symbol: string,
  markets: readonly Market[],
): Promise<Decimal> {
  const positions = await readOpenPositions(deps.store, {
    account: deps.settings.account,
    symbol,
    markets,
  });
  return positions.find((position) => position.symbol === symbol)?.amount ?? ZERO;
}

/** What is left to sell: the exit's target less what it sold, capped at the open position. */
export function remainingToSell(target: Decimal, sold: Decimal, position: Decimal): Decimal {
  return max(ZERO, min(target.minus(sold), position));
}
