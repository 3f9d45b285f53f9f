import { type Decimal, dec, HooklineError, ZERO } from '@hookline/core';

/** The envelope of every Advanced Trade WebSocket message (docs/exchange-notes.md, Coinbase 3). */
export interface CoinbaseEnvelope {
  readonly channel: string;
  readonly timestamp: Date;
  /** Per connection; a jump by more than one means a message was lost. */
  readonly sequenceNum: number;
  readonly events: readonly Readonly<Record<string, unknown>>[];
}

/** One order of a `user` event, all numbers as Decimals (they arrive as strings). */
export interface CoinbaseUserOrder {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly productId: string;
  readonly side: 'buy' | 'sell';
  readonly orderType: 'LIMIT' | 'MARKET';
  readonly timeInForce: string;
  readonly postOnly: boolean;
  readonly limitPrice: Decimal | undefined;
  readonly status: string;
  /** Cumulative filled base amount. */
  readonly cumulativeQuantity: Decimal;
  /** What remains; zeroed when the order is CANCELLED, EXPIRED or FAILED. */
  readonly leavesQuantity: Decimal;
  /** Average price of all fills so far. */
  readonly avgPrice: Decimal;
  /** Cumulative fees. */
  readonly totalFees: Decimal;
  readonly creationTime: Date | undefined;
}

/** A malformed message: the stream treats it like a lost one (gap, then backfill). */
export class CoinbaseMessageError extends HooklineError {
  constructor(message: string, context: Readonly<Record<string, unknown>> = {}) {
    super('INVALID_ARGUMENT', `Coinbase stream message: ${message}`, { context });
  }
}

/** An error the venue sent (`{"type":"error","message":…}`): a refused subscribe, bad credentials. */
export class CoinbaseVenueError extends CoinbaseMessageError {}

/** Reads the envelope; throws CoinbaseVenueError for a venue error, CoinbaseMessageError when it is not one. */
export function parseEnvelope(raw: unknown): CoinbaseEnvelope {
  const message = asRecord(raw, 'message');
  const channel = message.channel;
  if (message.type === 'error') {
    throw new CoinbaseVenueError(typeof message.message === 'string' ? message.message : 'error');
  }
  if (typeof channel !== 'string') throw new CoinbaseMessageError('no channel');
  const sequenceNum = Number(message.sequence_num);
  if (!Number.isSafeInteger(sequenceNum)) throw new CoinbaseMessageError('sequence_num missing', { channel });
  const events = Array.isArray(message.events) ? message.events.map((event) => asRecord(event, 'event')) : [];
  return { channel, timestamp: time(message.timestamp, 'timestamp'), sequenceNum, events };
}

/** Reads one order of a `user` event. */
export function parseUserOrder(raw: unknown): CoinbaseUserOrder {
  const order = asRecord(raw, 'order');
  const orderId = requiredText(order.order_id, 'order_id');
  const limitPrice = optionalNumber(order.limit_price);
  return {
    orderId,
    clientOrderId: typeof order.client_order_id === 'string' ? order.client_order_id : '',
    productId: requiredText(order.product_id, 'product_id'),
    side: String(order.order_side).toUpperCase() === 'SELL' ? 'sell' : 'buy',
    orderType: String(order.order_type).toUpperCase() === 'MARKET' ? 'MARKET' : 'LIMIT',
    timeInForce: typeof order.time_in_force === 'string' ? order.time_in_force : 'GOOD_UNTIL_CANCELLED',
    postOnly: order.post_only === true || order.post_only === 'true',
    limitPrice: limitPrice?.isZero() === true ? undefined : limitPrice,
    status: requiredText(order.status, 'status'),
    cumulativeQuantity: optionalNumber(order.cumulative_quantity) ?? ZERO,
    leavesQuantity: optionalNumber(order.leaves_quantity) ?? ZERO,
    avgPrice: optionalNumber(order.avg_price) ?? ZERO,
    totalFees: optionalNumber(order.total_fees) ?? ZERO,
    creationTime:
      typeof order.creation_time === 'string' ? time(order.creation_time, 'creation_time') : undefined,
  };
}

/**
 * A heartbeat's counter: a string in the docs, an integer in production
 * (docs/exchange-notes.md, Coinbase 6).
 */
export function heartbeatCounter(event: Readonly<Record<string, unknown>>): number | undefined {
  const value = event.heartbeat_counter;
  const counter = typeof value === 'string' ? Number(value) : value;
  return typeof counter === 'number' && Number.isSafeInteger(counter) ? counter : undefined;
}

function asRecord(value: unknown, what: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CoinbaseMessageError(`${what} is not an object`);
  }
  return value as Record<string, unknown>;
}

function requiredText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new CoinbaseMessageError(`${field} missing`);
  return value;
}

function optionalNumber(value: unknown): Decimal | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  try {
    return dec(typeof value === 'number' ? String(value) : String(value));
  } catch (error) {
    throw new CoinbaseMessageError('a number field is not a decimal', {
      value: String(value),
      cause: String(error),
    });
  }
}

function time(value: unknown, field: string): Date {
  const parsed = typeof value === 'string' ? new Date(value) : undefined;
  if (parsed === undefined || Number.isNaN(parsed.getTime()))
    throw new CoinbaseMessageError(`${field} is not a time`);
  return parsed;
}
