import type { StreamFill } from './fill.js';
import type { Ticker } from './market.js';
import type { ExchangeOrder } from './order.js';

/** Stops a subscription; calling it twice is harmless. */
export type Unsubscribe = () => void;

/** Continuity of a stream. After `connected` (also a reconnect) or `gap`, anything may have been missed: backfill over REST. */
export type StreamStatusEvent =
  | { readonly type: 'connected'; readonly receivedAt: Date }
  | { readonly type: 'disconnected'; readonly reason: string; readonly receivedAt: Date }
  /** Messages were lost on a live connection (Coinbase: a jump in `sequence_num`). */
  | { readonly type: 'gap'; readonly reason: string; readonly receivedAt: Date };

/** A change of one of our orders: the whole order as it is now (cumulative, like Coinbase's user channel). */
export interface OrderUpdateEvent {
  readonly type: 'order';
  readonly order: ExchangeOrder;
  readonly exchangeTime: Date;
  readonly receivedAt: Date;
}

/** A new execution of one of our orders (may arrive before or after the order's update). */
export interface FillEvent {
  readonly type: 'fill';
  readonly fill: StreamFill;
  readonly exchangeTime: Date;
  readonly receivedAt: Date;
}

/** What the private (user) stream delivers. */
export type UserStreamEvent = OrderUpdateEvent | FillEvent | StreamStatusEvent;

/** A new best bid/ask (the ticker carries exchangeTime and receivedAt). */
export interface TickerEvent {
  readonly type: 'ticker';
  readonly ticker: Ticker;
}

/** What the public ticker stream delivers. */
export type TickerStreamEvent = TickerEvent | StreamStatusEvent;

/** Receives stream events; it must not throw (an adapter isolates and reports a throwing listener). */
export type StreamListener<Event> = (event: Event) => void;
