// An order we mean to place is written as a trade_records row in status NEW before anything is sent
// (intent before send). Its client order id derives from its decision and attempt, so every retry
// of the same intent carries the same id and a second write is a no-op.
import {
  type Decimal,
  deriveClientOrderId,
  type ExitReason,
  HooklineError,
  toPlainString,
} from '@hookline/core';
import type { OrderSide } from '@hookline/exchange';
import { toDbSide } from '../side.js';
import { clientOf, type Store } from '../store.js';

/**
 * An order we mean to place, decided and recorded (its decision row exists). Entries come from
 * alerts; exits (the sentinel) use the same executor with trigger EXIT and a reason.
 */
export interface OrderIntent {
  readonly decisionId: string;
  /** 0 for the first order of a decision; a re-priced exit uses 1, 2, ... (a new client order id). */
  readonly attempt?: number;
  readonly account: string;
  readonly exchange: string;
  readonly symbol: string;
  readonly side: OrderSide;
  /** Base units, already on the market's step. */
  readonly amount: Decimal;
  /**
   * LIMIT (default) rests at `price` or, with IOC, takes what it can at once; MARKET takes the book;
   * STOP_LIMIT (a protective sell, GTC) waits at the exchange until the bid falls to `stopPrice`.
   */
  readonly orderType?: 'LIMIT' | 'MARKET' | 'STOP_LIMIT';
  /** GTC (default) rests until filled or canceled; IOC expires what it cannot fill at once (LIMIT only). */
  readonly timeInForce?: 'GTC' | 'IOC';
  /** The LIMIT price, already on the market's tick; required for a LIMIT, ignored for a MARKET. */
  readonly price?: Decimal;
  /** A STOP_LIMIT's trigger price (required for it, on the tick, at or above `price`); ignored otherwise. */
  readonly stopPrice?: Decimal;
  /** Maker-only; only a resting (LIMIT GTC) order can be post-only. */
  readonly postOnly: boolean;
  readonly trigger: 'ALERT' | 'SIGNAL' | 'EXIT';
  readonly exitReason?: ExitReason;
  /** Cancel whatever has not filled this long after the intent (entries); undefined = never. */
  readonly timeoutMs?: number;
  readonly source: 'WEBHOOK' | 'SIGHOOK';
}

/** The client order id of an intent: derived from its decision, so every retry carries the same one. */
export function clientOrderIdOf(intent: Pick<OrderIntent, 'decisionId' | 'attempt'>): string {
  return deriveClientOrderId(intent.decisionId, intent.attempt ?? 0);
}

/**
 * Writes the intent as a trade_records row in status NEW, before anything is sent. Idempotent: the
 * unique client order id makes a second write a no-op. Returns the client order id.
 */
export async function writeOrderIntent(store: Store, intent: OrderIntent, now: Date): Promise<string> {
  const clientOrderId = clientOrderIdOf(intent);
  const orderType = intent.orderType ?? 'LIMIT';
  const context = { decisionId: intent.decisionId, attempt: intent.attempt ?? 0 };
  if (orderType !== 'MARKET' && intent.price === undefined) {
    throw new HooklineError(
      'INVALID_ARGUMENT',
      `a ${orderType} ${intent.side} of ${intent.symbol} needs a price`,
      {
        context,
      },
    );
  }
  if (orderType === 'STOP_LIMIT' && (intent.stopPrice === undefined || intent.side !== 'sell')) {
    throw new HooklineError(
      'INVALID_ARGUMENT',
      `a STOP_LIMIT of ${intent.symbol} must be a sell with a stop price (got a ${intent.side}${intent.stopPrice === undefined ? ' without one' : ''})`,
      { context },
    );
  }
  // A market order is IOC by nature and has no price (trade_records.price is null for it); a stop rests.
  const timeInForce =
    orderType === 'MARKET' ? 'IOC' : orderType === 'STOP_LIMIT' ? 'GTC' : (intent.timeInForce ?? 'GTC');
  await clientOf(store).tradeRecord.createMany({
    data: [
      {
        account: intent.account,
        exchange: intent.exchange,
        clientOrderId,
        symbol: intent.symbol,
        side: toDbSide(intent.side),
        orderType,
        timeInForce,
        postOnly: orderType === 'LIMIT' && timeInForce === 'GTC' && intent.postOnly,
        status: 'NEW',
        price: orderType === 'MARKET' || intent.price === undefined ? null : toPlainString(intent.price),
        stopPrice:
          orderType === 'STOP_LIMIT' && intent.stopPrice !== undefined
            ? toPlainString(intent.stopPrice)
            : null,
        size: toPlainString(intent.amount),
        trigger: intent.trigger,
        exitReason: intent.exitReason ?? null,
        decisionId: intent.decisionId,
        source: intent.source,
        orderTime: now,
      },
    ],
    skipDuplicates: true,
  });
  return clientOrderId;
}
