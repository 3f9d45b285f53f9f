import { compare, type Decimal, dec, plus, ZERO } from '@hookline/core';
import type { ReplayReport } from '@hookline/store';

/** What a replay came to: the exits that sold, how many gained or lost, the realised P&L and the fees. */
export interface ReplayTotals {
  /** Exits that sold something (an exit decision whose orders filled nothing is no trade). */
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  /** Sum of the exits' FIFO P&L in USD, fees of both sides included (exact). */
  readonly pnlUsd: Decimal;
  /** Fees in USD of every order, entries and exits (exact). */
  readonly feesUsd: Decimal;
}

/** The totals of a replay report (exact decimals; the text rounds them). */
export function replayTotals(report: Pick<ReplayReport, 'exits' | 'orders'>): ReplayTotals {
  const trades = report.exits.filter((exit) => compare(dec(exit.filled_size), ZERO) > 0);
  return {
    trades: trades.length,
    wins: trades.filter((exit) => compare(dec(exit.pnl_usd), ZERO) > 0).length,
    losses: trades.filter((exit) => compare(dec(exit.pnl_usd), ZERO) < 0).length,
    pnlUsd: trades.reduce((total, exit) => plus(total, dec(exit.pnl_usd)), ZERO),
    feesUsd: report.orders.reduce((total, order) => plus(total, dec(order.fees_usd)), ZERO),
  };
}
