// One exit over all its orders: partial fills of several attempts add up to one sale (sizes, fees,
// the volume-weighted price). Read from the order rows, whose aggregates the ledger recomputes from fills.
import { type Decimal, dec, type ExitReason, type OrderStatus, sum, ZERO } from '@hookline/core';
import { readExitDecision, type Store } from '@hookline/store';
import { type ExitOutcome, loadExitOrders, storedExitOf } from './exit-records.js';

/** One order of an exit as it stands. */
export interface ExitOrderSummary {
  readonly clientOrderId: string;
  readonly attempt: number;
  readonly orderType: string;
  readonly timeInForce: string | null;
  /** The limit price; undefined for a market order. */
  readonly price: Decimal | undefined;
  readonly size: Decimal;
  readonly filledSize: Decimal;
  readonly avgFillPrice: Decimal | undefined;
  readonly feesUsd: Decimal;
  readonly status: OrderStatus;
}

/** The aggregate of one exit decision. */
export interface ExitSummary {
  readonly decisionId: string;
  readonly symbol: string;
  readonly reason: ExitReason;
  /** What the exit set out to sell. */
  readonly target: Decimal;
  /** WORKING until the exit is over, then how it ended. */
  readonly status: 'WORKING' | ExitOutcome;
  readonly filledAmount: Decimal;
  readonly feesUsd: Decimal;
  /** Gross proceeds: Σ filled × average fill price over the orders. */
  readonly proceeds: Decimal;
  /** Volume-weighted over every fill of every order; undefined while nothing has filled. */
  readonly averagePrice: Decimal | undefined;
  readonly orders: readonly ExitOrderSummary[];
}

/** Aggregate of one exit decision over all its orders: filled size, fees (USD), weighted average exit price, orders, status. */
export async function summarizeExit(store: Store, decisionId: string): Promise<ExitSummary> {
  const decision = await readExitDecision(store, decisionId);
  const exit = storedExitOf(decision);
  const orders = (await loadExitOrders(store, decisionId)).map(({ attempt, row }) => ({
    clientOrderId: row.clientOrderId,
    attempt,
    orderType: row.orderType,
    timeInForce: row.timeInForce,
    price: row.price === null ? undefined : dec(row.price.toString()),
    size: dec(row.size.toString()),
    filledSize: dec(row.filledSize.toString()),
    avgFillPrice: row.avgFillPrice === null ? undefined : dec(row.avgFillPrice.toString()),
    feesUsd: dec(row.totalFeesUsd.toString()),
    status: row.status,
  }));
  const filledAmount = sum(orders.map((order) => order.filledSize));
  const proceeds = sum(orders.map((order) => order.filledSize.times(order.avgFillPrice ?? ZERO)));
  return {
    decisionId,
    symbol: exit.symbol,
    reason: exit.reason,
    target: exit.target,
    status: exit.completion?.outcome ?? 'WORKING',
    filledAmount,
    feesUsd: sum(orders.map((order) => order.feesUsd)),
    proceeds,
    averagePrice: filledAmount.isZero() ? undefined : proceeds.dividedBy(filledAmount),
    orders,
  };
}
