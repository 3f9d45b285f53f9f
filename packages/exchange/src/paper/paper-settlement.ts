import { type Decimal, min, ZERO } from '@hookline/core';
import type { Fill, Liquidity, StreamFill } from '../port/fill.js';
import type { ExchangeOrder } from '../port/order.js';
import type { CandleHistory } from './candle-history.js';
import type { PaperBalances } from './paper-balances.js';
import { applyOrderEvent, type PaperOrderRecord, toExchangeOrder, unfilledAmount } from './paper-order.js';
import type { MarketQuote } from './price-source.js';

/** Fee rates as fractions of the notional (0.004 = 0.4 %). */
export interface FeeSchedule {
  readonly maker: Decimal;
  readonly taker: Decimal;
}

/** A stored paper fill: the REST fill plus its place in the sequence (the fills cursor). */
export interface PaperFillRecord extends Fill {
  readonly sequence: number;
  readonly cumulativeFilledAmount: Decimal;
}

/** Something the engine did that the streams report (the facade adds our receive time). */
export type EngineEvent =
  | { readonly type: 'order'; readonly order: ExchangeOrder; readonly exchangeTime: Date }
  | { readonly type: 'fill'; readonly fill: StreamFill; readonly exchangeTime: Date }
  | { readonly type: 'ticker'; readonly quote: MarketQuote };

/** The engine state that fills and order endings change. */
export interface SettlementContext {
  readonly balances: PaperBalances;
  readonly fees: FeeSchedule;
  readonly fills: PaperFillRecord[];
  readonly openOrders: Map<string, PaperOrderRecord>;
  readonly candles: CandleHistory;
  readonly events: EngineEvent[];
}

/** The trade id of the nth paper fill. */
export function paperTradeId(sequence: number): string {
  return `paper-trade-${String(sequence).padStart(9, '0')}`;
}

/**
 * Executes part of an order: moves money (fees in the quote currency, as on Coinbase), records the
 * fill exactly once with the next trade id, advances the order's status, and reports both.
 */
export function settleFill(
  context: SettlementContext,
  order: PaperOrderRecord,
  fill: { price: Decimal; amount: Decimal; liquidity: Liquidity; timeMs: number },
): void {
  const notional = fill.price.times(fill.amount);
  const fee = notional.times(fill.liquidity === 'MAKER' ? context.fees.maker : context.fees.taker);
  const released = min(order.reservePerUnit.times(fill.amount), order.reserved);
  order.reserved = order.reserved.minus(released);
  const { balances } = context;
  if (order.side === 'buy') {
    balances.release(order.quote, released);
    balances.debit(order.quote, notional.plus(fee));
    balances.credit(order.base, fill.amount);
  } else {
    balances.release(order.base, released);
    balances.debit(order.base, fill.amount);
    balances.credit(order.quote, notional.minus(fee));
  }
  order.filled = order.filled.plus(fill.amount);
  order.cost = order.cost.plus(notional);
  order.fee = order.fee.plus(fee);
  const complete = unfilledAmount(order).isZero();
  applyOrderEvent(order, complete ? 'FILL' : 'PARTIAL_FILL', fill.timeMs);
  const record = recordFill(context, order, { ...fill, fee });
  context.candles.addVolume(order.symbol, fill.timeMs, fill.amount);
  context.events.push({
    type: 'fill',
    fill: { ...toFill(record), cumulativeFilledAmount: record.cumulativeFilledAmount },
    exchangeTime: record.executedAt,
  });
  if (complete) releaseRest(context, order);
  reportOrder(context, order);
}

/** The port's view of a stored fill (without its sequence number). */
export function toFill(record: PaperFillRecord): Fill {
  return {
    tradeId: record.tradeId,
    orderId: record.orderId,
    clientOrderId: record.clientOrderId,
    symbol: record.symbol,
    side: record.side,
    price: record.price,
    amount: record.amount,
    fee: record.fee,
    feeCurrency: record.feeCurrency,
    liquidity: record.liquidity,
    executedAt: record.executedAt,
  };
}

/** Ends a working order (canceled or expired): the unused reservation becomes available again. */
export function endOrder(
  context: SettlementContext,
  order: PaperOrderRecord,
  event: 'CANCEL_CONFIRMED' | 'EXPIRE',
  timeMs: number,
): void {
  if (event === 'CANCEL_CONFIRMED') applyOrderEvent(order, 'REQUEST_CANCEL', timeMs);
  applyOrderEvent(order, event, timeMs);
  releaseRest(context, order);
  reportOrder(context, order);
}

/** Queues the order's current state for the user stream. */
export function reportOrder(context: SettlementContext, order: PaperOrderRecord): void {
  context.events.push({
    type: 'order',
    order: toExchangeOrder(order),
    exchangeTime: new Date(order.updatedAtMs),
  });
}

function releaseRest(context: SettlementContext, order: PaperOrderRecord): void {
  context.balances.release(order.side === 'buy' ? order.quote : order.base, order.reserved);
  order.reserved = ZERO;
  context.openOrders.delete(order.id);
}

function recordFill(
  context: SettlementContext,
  order: PaperOrderRecord,
  fill: { price: Decimal; amount: Decimal; fee: Decimal; liquidity: Liquidity; timeMs: number },
): PaperFillRecord {
  const sequence = context.fills.length + 1;
  const record: PaperFillRecord = {
    sequence,
    tradeId: paperTradeId(sequence),
    orderId: order.id,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    price: fill.price,
    amount: fill.amount,
    fee: fill.fee,
    feeCurrency: order.quote,
    liquidity: fill.liquidity,
    executedAt: new Date(fill.timeMs),
    cumulativeFilledAmount: order.filled,
  };
  context.fills.push(record);
  return record;
}
