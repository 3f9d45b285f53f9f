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
import { newRowId, queryRows, type Store } from '../store.js';

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
 * The NEW trade_records row of an intent, as SQL: its column list and the expressions of its values,
 * whose parameters are appended to `parameters` ($n numbered after those already there). Checks the
 * intent first. One definition for both writers: an intent on its own (writeOrderIntent) and an
 * entry's intent written with its decision (recordAlertDecision).
 */
export function orderIntentInsert(
  store: Store,
  intent: OrderIntent,
  now: Date,
  parameters: unknown[],
): { readonly columns: string; readonly values: string; readonly clientOrderId: string } {
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
  // Every value is cast: in an INSERT … SELECT (the decision's statement) nothing else types a parameter.
  const row: readonly (readonly [column: string, value: unknown, cast: string])[] = [
    ['id', newRowId(store), 'text'],
    ['account', intent.account, 'text'],
    ['exchange', intent.exchange, 'text'],
    ['client_order_id', clientOrderId, 'text'],
    ['symbol', intent.symbol, 'text'],
    ['side', toDbSide(intent.side), 'side'],
    ['order_type', orderType, 'order_type'],
    ['time_in_force', timeInForce, 'time_in_force'],
    ['post_only', orderType === 'LIMIT' && timeInForce === 'GTC' && intent.postOnly, 'boolean'],
    ['status', 'NEW', 'order_status'],
    [
      'price',
      orderType === 'MARKET' || intent.price === undefined ? null : toPlainString(intent.price),
      'numeric',
    ],
    [
      'stop_price',
      orderType === 'STOP_LIMIT' && intent.stopPrice !== undefined ? toPlainString(intent.stopPrice) : null,
      'numeric',
    ],
    ['size', toPlainString(intent.amount), 'numeric'],
    ['trigger', intent.trigger, 'order_trigger'],
    ['exit_reason', intent.exitReason ?? null, 'exit_reason'],
    ['decision_id', intent.decisionId, 'text'],
    ['source', intent.source, 'order_source'],
    ['order_time', now, 'timestamptz'],
  ];
  const values = row.map(([, value, cast]) => {
    parameters.push(value);
    return `$${parameters.length}::${cast}`;
  });
  return { columns: row.map(([column]) => column).join(', '), values: values.join(', '), clientOrderId };
}

/**
 * Writes the intent as a trade_records row in status NEW, before anything is sent. Idempotent: the
 * unique client order id makes a second write a no-op. Returns the client order id.
 */
export async function writeOrderIntent(store: Store, intent: OrderIntent, now: Date): Promise<string> {
  const parameters: unknown[] = [];
  const { columns, values, clientOrderId } = orderIntentInsert(store, intent, now, parameters);
  await queryRows(
    store,
    `INSERT INTO trade_records (${columns}) VALUES (${values}) ON CONFLICT DO NOTHING`,
    parameters,
  );
  return clientOrderId;
}
