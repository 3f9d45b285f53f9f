import { dec, HooklineError, toPlainString } from '@hookline/core';
import type { Liquidity } from '../port/fill.js';
import type { OrderSide } from '../port/order.js';
import type { SavedCandle } from './candle-history.js';
import { PaperBalances, type SavedHolding } from './paper-balances.js';
import { PaperEngine, type PaperEngineConfig } from './paper-engine.js';
import { restoreOrder, saveOrder } from './paper-order.js';
import type { PaperFillRecord } from './paper-settlement.js';
import type { JsonValue } from './price-source.js';
import { quoteFromJson, quoteToJson } from './quote-json.js';
import { SimulatedBook } from './simulated-book.js';

/** The paper exchange's whole state as JSON (Decimals as strings), what survives a restart. */
export interface PaperSnapshot {
  readonly version: 1;
  /** The clock time the market had been simulated up to. */
  readonly syncedMs: number;
  readonly orderCount: number;
  readonly balances: Readonly<Record<string, SavedHolding>>;
  readonly orders: readonly Readonly<Record<string, unknown>>[];
  readonly openOrderIds: readonly string[];
  readonly fills: readonly Readonly<Record<string, string | number>>[];
  readonly books: Readonly<
    Record<string, { quote: JsonValue; asks: readonly string[]; bids: readonly string[]; allowance?: string }>
  >;
  readonly candles: Readonly<Record<string, readonly SavedCandle[]>>;
  /** The price source's own state (random generator, replay position, pending scripted quotes). */
  readonly source: JsonValue;
}

/** Captures the engine and its price source. */
export function takeSnapshot(engine: PaperEngine, source: JsonValue, syncedMs: number): PaperSnapshot {
  return {
    version: 1,
    syncedMs,
    orderCount: engine.orderCount,
    balances: engine.balances.save(),
    orders: [...engine.orders.values()].map(saveOrder),
    openOrderIds: [...engine.openOrders.keys()],
    fills: engine.fills.map(saveFill),
    books: Object.fromEntries(
      [...engine.books].map(([symbol, book]) => {
        const remaining = book.remaining();
        return [
          symbol,
          {
            quote: quoteToJson(book.quote),
            asks: remaining.asks.map(toPlainString),
            bids: remaining.bids.map(toPlainString),
            ...(remaining.allowance === undefined ? {} : { allowance: toPlainString(remaining.allowance) }),
          },
        ];
      }),
    ),
    candles: engine.candles.save(),
    source,
  };
}

/** An engine in the state the snapshot describes, over the given markets and fees. */
export function restoreEngine(snapshot: PaperSnapshot, config: PaperEngineConfig): PaperEngine {
  if (snapshot.version !== 1) {
    throw new HooklineError(
      'INVALID_ARGUMENT',
      `unsupported paper snapshot version ${String(snapshot.version)}`,
    );
  }
  const engine = new PaperEngine(config, PaperBalances.restore(snapshot.balances));
  engine.orderCount = snapshot.orderCount;
  for (const saved of snapshot.orders) {
    const order = restoreOrder(saved);
    engine.orders.set(order.id, order);
    engine.orderIdsByClientId.set(order.clientOrderId, order.id);
  }
  for (const id of snapshot.openOrderIds) {
    const order = engine.orders.get(id);
    if (order === undefined)
      throw new HooklineError('INVALID_ARGUMENT', `open order ${id} missing from the snapshot`);
    engine.openOrders.set(id, order);
  }
  engine.fills.push(...snapshot.fills.map(restoreFill));
  for (const [symbol, saved] of Object.entries(snapshot.books)) {
    const spec = config.specs.find((candidate) => candidate.market.symbol === symbol);
    if (spec === undefined) continue;
    const remaining = {
      asks: saved.asks.map((value) => dec(value)),
      bids: saved.bids.map((value) => dec(value)),
      ...(saved.allowance === undefined ? {} : { allowance: dec(saved.allowance) }),
    };
    engine.books.set(
      symbol,
      SimulatedBook.withRemaining(quoteFromJson(saved.quote), spec.market, config.book, remaining),
    );
  }
  engine.candles.restore(snapshot.candles);
  return engine;
}

function saveFill(fill: PaperFillRecord): Record<string, string | number> {
  return {
    sequence: fill.sequence,
    tradeId: fill.tradeId,
    orderId: fill.orderId,
    clientOrderId: fill.clientOrderId ?? '',
    symbol: fill.symbol,
    side: fill.side,
    price: toPlainString(fill.price),
    amount: toPlainString(fill.amount),
    fee: toPlainString(fill.fee),
    feeCurrency: fill.feeCurrency,
    liquidity: fill.liquidity,
    executedAtMs: fill.executedAt.getTime(),
    cumulativeFilledAmount: toPlainString(fill.cumulativeFilledAmount),
  };
}

function restoreFill(saved: Readonly<Record<string, string | number>>): PaperFillRecord {
  const text = (key: string): string => String(saved[key]);
  return {
    sequence: Number(saved.sequence),
    tradeId: text('tradeId'),
    orderId: text('orderId'),
    clientOrderId: text('clientOrderId'),
    symbol: text('symbol'),
    side: text('side') as OrderSide,
    price: dec(text('price')),
    amount: dec(text('amount')),
    fee: dec(text('fee')),
    feeCurrency: text('feeCurrency'),
    liquidity: text('liquidity') as Liquidity,
    executedAt: new Date(Number(saved.executedAtMs)),
    cumulativeFilledAmount: dec(text('cumulativeFilledAmount')),
  };
}
