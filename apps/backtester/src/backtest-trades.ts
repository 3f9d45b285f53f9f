// The backtest's round trips: each entry order with what the ledger says became of it. A position
// still held when the data ends is valued at the last close (exit reason END_OF_DATA), never sold
// by the backtest itself, so no order the strategy did not place appears in its trades.
import type { BacktestTrade } from '@hookline/backtest';
import { type Decimal, dec, ZERO } from '@hookline/core';
import type { BacktestTradeRow } from '@hookline/store';

/** Why a trade's remainder has an exit although nothing sold it: the data ended. */
export const END_OF_DATA = 'END_OF_DATA';

/** Trades from the ledger's rows; `last` is each symbol's last close and its time. */
export function tradesOf(
  rows: readonly BacktestTradeRow[],
  last: ReadonlyMap<string, { readonly timeMs: number; readonly close: Decimal }>,
): BacktestTrade[] {
  return rows.map((row) => {
    const size = dec(row.size);
    const sold = dec(row.soldSize);
    const entryFees = dec(row.entryFeesUsd);
    const held = size.minus(sold);
    const end = last.get(row.symbol);
    const open = held.greaterThan(0) && end !== undefined;
    // What is held is valued at the last close against its share of the entry's cost and fee.
    const heldValue = open ? held.times(end.close) : ZERO;
    const heldCost = open
      ? held.times(dec(row.entryPrice)).plus(entryFees.times(held).dividedBy(size))
      : ZERO;
    const reasons = [...row.exitReasons, ...(open ? [END_OF_DATA] : [])];
    const exited = sold.greaterThan(0) || open;
    return {
      symbol: row.symbol,
      entryTime: row.entryTime,
      exitTime: open ? new Date(end.timeMs) : row.exitTime,
      entryPrice: dec(row.entryPrice),
      exitPrice: exited
        ? dec(row.proceedsUsd)
            .plus(heldValue)
            .dividedBy(sold.plus(open ? held : ZERO))
        : null,
      size,
      fees: entryFees.plus(dec(row.exitFeesUsd)),
      pnl: dec(row.realisedPnlUsd).plus(heldValue.minus(heldCost)),
      exitReason: reasons.length === 0 ? null : reasons.join('+'),
    };
  });
}
