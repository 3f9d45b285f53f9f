import {
  type Decimal,
  dec,
  HooklineError,
  isTerminal,
  type OrderEvent,
  type OrderStatus,
  orderStatuses,
  toPlainString,
  transition,
  ZERO,
} from '@hookline/core';
import type { ExchangeOrder, OrderSide, OrderType, TimeInForce } from '../port/order.js';

/** A paper order's mutable state; its status changes only through applyOrderEvent. */
export interface PaperOrderRecord {
  readonly id: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly postOnly: boolean;
  readonly price: Decimal | undefined;
  /** A STOP_LIMIT's trigger price; undefined for other orders. */
  readonly stopPrice: Decimal | undefined;
  /** True while a STOP_LIMIT waits off the book for its trigger; false once live (and for other orders). */
  waiting: boolean;
  /**
   * While the order is on its way to the venue (a match delay): the time it arrives, before which
   * it meets no book. Undefined once it has arrived (and for every order without a delay).
   */
  arrivesAtMs: number | undefined;
  readonly amount: Decimal;
  /** Money set aside per unit of amount: quote for a buy (price plus the worst fee), 1 base for a sell. */
  readonly reservePerUnit: Decimal;
  filled: Decimal;
  /** Σ price × amount of the fills, for the average price. */
  cost: Decimal;
  fee: Decimal;
  /** Still reserved for this order (quote for a buy, base for a sell). */
  reserved: Decimal;
  status: OrderStatus;
  readonly createdAtMs: number;
  updatedAtMs: number;
}

/** Moves the order through the core lifecycle table; a refused event is a paper-exchange bug. */
export function applyOrderEvent(order: PaperOrderRecord, event: OrderEvent, timeMs: number): void {
  const verdict = transition(order.status, event);
  if (!verdict.ok) {
    throw new HooklineError('ORDER_TRANSITION_REFUSED', verdict.reason, {
      context: { orderId: order.id, clientOrderId: order.clientOrderId },
    });
  }
  order.status = verdict.next;
  order.updatedAtMs = timeMs;
}

/** The amount still to fill. */
export function unfilledAmount(order: PaperOrderRecord): Decimal {
  return order.amount.minus(order.filled);
}

/** The immutable view the port returns. */
export function toExchangeOrder(order: PaperOrderRecord): ExchangeOrder {
  return {
    id: order.id,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    postOnly: order.postOnly,
    price: order.price,
    ...(order.stopPrice === undefined ? {} : { stopPrice: order.stopPrice }),
    amount: order.amount,
    filledAmount: order.filled,
    // Terminal orders report nothing left, as Coinbase zeroes leaves_quantity on cancel and expiry.
    remainingAmount: isTerminal(order.status) ? ZERO : unfilledAmount(order),
    averageFillPrice: order.filled.isZero() ? undefined : order.cost.dividedBy(order.filled),
    fee: order.fee,
    feeCurrency: order.quote,
    status: order.status,
    createdAt: new Date(order.createdAtMs),
    updatedAt: new Date(order.updatedAtMs),
  };
}

/** The order as JSON, Decimals as strings. */
export function saveOrder(order: PaperOrderRecord): Record<string, string | number | boolean | null> {
  return {
    ...order,
    price: order.price === undefined ? null : toPlainString(order.price),
    stopPrice: order.stopPrice === undefined ? null : toPlainString(order.stopPrice),
    arrivesAtMs: order.arrivesAtMs ?? null,
    amount: toPlainString(order.amount),
    reservePerUnit: toPlainString(order.reservePerUnit),
    filled: toPlainString(order.filled),
    cost: toPlainString(order.cost),
    fee: toPlainString(order.fee),
    reserved: toPlainString(order.reserved),
  };
}

/** An order read back from saveOrder's output. */
export function restoreOrder(saved: Readonly<Record<string, unknown>>): PaperOrderRecord {
  const text = (key: string): string => {
    const value = saved[key];
    if (typeof value !== 'string') throw new HooklineError('INVALID_ARGUMENT', `saved order lacks ${key}`);
    return value;
  };
  const status = text('status') as OrderStatus;
  if (!orderStatuses.includes(status))
    throw new HooklineError('INVALID_ARGUMENT', `saved order status ${status}`);
  return {
    id: text('id'),
    clientOrderId: text('clientOrderId'),
    symbol: text('symbol'),
    base: text('base'),
    quote: text('quote'),
    side: text('side') as OrderSide,
    type: text('type') as OrderType,
    timeInForce: text('timeInForce') as TimeInForce,
    postOnly: saved.postOnly === true,
    price: saved.price === null ? undefined : dec(text('price')),
    // Snapshots written before stop orders existed have neither field.
    stopPrice: typeof saved.stopPrice === 'string' ? dec(saved.stopPrice) : undefined,
    waiting: saved.waiting === true,
    arrivesAtMs: typeof saved.arrivesAtMs === 'number' ? saved.arrivesAtMs : undefined,
    amount: dec(text('amount')),
    reservePerUnit: dec(text('reservePerUnit')),
    filled: dec(text('filled')),
    cost: dec(text('cost')),
    fee: dec(text('fee')),
    reserved: dec(text('reserved')),
    status,
    createdAtMs: Number(saved.createdAtMs),
    updatedAtMs: Number(saved.updatedAtMs),
  };
}
