import type { Clock, Decimal } from '@hookline/core';
import { CoinbaseSocket } from '../coinbase/coinbase-socket.js';
import type { FillCursor } from '../port/fill.js';
import type { Market } from '../port/market.js';
import type { StreamListener, Unsubscribe, UserStreamEvent } from '../port/stream-events.js';
import type { BackoffOptions } from '../resilience/jittered-backoff.js';
import { type FillBackfillSource, readFillsSince } from '../stream/fills-since.js';
import { type ListenerErrorHandler, ListenerSet } from '../stream/listener-set.js';
import { KrakenExecutionsParser } from './kraken-executions-parser.js';

/** Kraken's authenticated WebSocket v2 endpoint. */
export const krakenAuthWebSocketUrl = 'wss://ws-auth.kraken.com/v2';

/** What Kraken's private stream is built from. */
export interface KrakenUserStreamOptions {
  /** `wss://ws-auth.kraken.com/v2` or EXCHANGE_WS_USER_URL. */
  readonly url: string;
  /** A fresh WebSocket token from REST GetWebSocketsToken (fetched for every connection). */
  readonly fetchToken: () => Promise<string>;
  readonly clock: Clock;
  /** Kraken v2 symbols (`BTC/USD`) to our markets. */
  readonly resolveSymbol: (symbol: string) => Market | undefined;
  /** REST reads for the backfill after each (re)connect, and where the first one starts. */
  readonly backfill: Pick<FillBackfillSource, 'fetchFillsSince'>;
  readonly backfillCursor: FillCursor;
  readonly reconnect?: BackoffOptions;
  readonly idleTimeoutMs?: number;
  readonly onListenerError?: ListenerErrorHandler;
  readonly onBackfillError?: (error: unknown) => void;
}

/** Counts for health checks and tests. */
export interface KrakenUserStreamCounters {
  readonly connections: number;
  /** Tokens fetched from REST (one per connection attempt). */
  readonly tokensFetched: number;
  /** Subscribes the venue refused (an expired or invalid token among them). */
  readonly refusals: number;
  readonly backfilledFills: number;
  readonly lastMessageAt: Date | undefined;
}

/**
 * Kraken's private `executions` and `balances` channels over `ws` (docs/exchange-notes.md, Kraken 4
 * and 5). Every connection fetches a new token first (a token is good for 15 minutes until used);
 * a refused subscribe drops the connection and the next one fetches another. Once the executions
 * snapshot is in, `connected` is emitted and the fills since the last known point are read over REST:
 * fills missed while disconnected reach listeners once, de-duplicated on the trade id with the live
 * ones and the snapshot's.
 */
export class KrakenUserStream {
  readonly #options: KrakenUserStreamOptions;
  readonly #listeners: ListenerSet<UserStreamEvent>;
  readonly #parser: KrakenExecutionsParser;
  readonly #socket: CoinbaseSocket;
  #cursor: FillCursor;
  #backfilling: Promise<void> = Promise.resolve();
  #ready = false;
  #executionsSubscribed = false;
  #waiters: Array<() => void> = [];
  #balances: Readonly<Record<string, Decimal>> = {};
  #counters = {
    connections: 0,
    tokensFetched: 0,
    refusals: 0,
    backfilledFills: 0,
    lastMessageAt: undefined as Date | undefined,
  };

  constructor(options: KrakenUserStreamOptions) {
    this.#options = options;
    this.#cursor = options.backfillCursor;
    this.#listeners = new ListenerSet(options.onListenerError);
    this.#parser = new KrakenExecutionsParser(options.resolveSymbol);
    this.#socket = new CoinbaseSocket({
      url: options.url,
      subscribeMessages: () => this.#subscribeMessages(),
      onOpen: () => {
        this.#executionsSubscribed = false;
      },
      onMessage: (text) => this.#onMessage(text),
      onDisconnected: (reason) => {
        this.#ready = false;
        this.#listeners.emit({ type: 'disconnected', reason, receivedAt: options.clock.now() });
      },
      ...(options.reconnect === undefined ? {} : { reconnect: options.reconnect }),
      ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
    });
  }

  /** Adds a listener (connecting on the first); it gets `connected` once the stream is live. */
  subscribe(listener: StreamListener<UserStreamEvent>): Unsubscribe {
    const remove = this.#listeners.add(listener);
    this.#socket.start();
    if (this.#ready) listener({ type: 'connected', receivedAt: this.#options.clock.now() });
    return remove;
  }

  /** Resolves when the stream is subscribed with its snapshot in and its backfill done. */
  async whenReady(): Promise<void> {
    if (!this.#ready) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    await this.#backfilling;
  }

  /** The latest balances from the `balances` channel, by Kraken asset name. */
  get balances(): Readonly<Record<string, Decimal>> {
    return this.#balances;
  }

  get counters(): KrakenUserStreamCounters {
    return { ...this.#counters };
  }

  close(): void {
    this.#socket.stop();
    this.#listeners.clear();
    this.#ready = false;
    for (const resolve of this.#waiters.splice(0)) resolve();
  }

  async #subscribeMessages(): Promise<object[]> {
    const token = await this.#options.fetchToken();
    this.#counters.tokensFetched += 1;
    return [
      { method: 'subscribe', params: { channel: 'executions', token, snap_orders: true, snap_trades: true } },
      { method: 'subscribe', params: { channel: 'balances', token, snapshot: true } },
    ];
  }

  #onMessage(text: string): void {
    const receivedAt = this.#options.clock.now();
    this.#counters.lastMessageAt = receivedAt;
    const output = this.#parser.parse(text, receivedAt);
    if (output.error !== undefined) {
      this.#counters.refusals += 1;
      this.#socket.restart(output.error);
      return;
    }
    if (output.balances !== undefined) this.#balances = { ...this.#balances, ...output.balances };
    if (output.subscribed.includes('executions')) this.#executionsSubscribed = true;
    for (const event of output.events) this.#listeners.emit(event);
    if (!this.#ready && this.#executionsSubscribed && output.snapshot === 'executions')
      this.#goLive(receivedAt);
  }

  #goLive(receivedAt: Date): void {
    this.#ready = true;
    this.#counters.connections += 1;
    this.#socket.markHealthy();
    this.#listeners.emit({ type: 'connected', receivedAt });
    this.#backfilling = this.#backfill().catch((error: unknown) => this.#options.onBackfillError?.(error));
    for (const resolve of this.#waiters.splice(0)) resolve();
  }

  // The fills since the cursor that no message delivered, each once (by trade id). Kraken's REST cannot
  // list one order's fills without their ids, so a backfilled fill's cumulative amount counts only that
  // order's fills read here: exact for an order younger than the cursor, low otherwise.
  async #backfill(): Promise<void> {
    const { fills, cursor } = await readFillsSince(this.#options.backfill, this.#cursor);
    const running = new Map<string, Decimal>();
    for (const fill of fills) {
      const sum = (running.get(fill.orderId) ?? fill.amount.minus(fill.amount)).plus(fill.amount);
      running.set(fill.orderId, sum);
      if (!this.#parser.claimTrade(fill.tradeId)) continue;
      this.#listeners.emit({
        type: 'fill',
        fill: {
          ...fill,
          cumulativeFilledAmount: sum,
        },
        exchangeTime: fill.executedAt,
        receivedAt: this.#options.clock.now(),
      });
      this.#counters.backfilledFills += 1;
    }
    this.#cursor = cursor;
  }
}
