import type { Clock } from '@hookline/core';
import type { FillCursor } from '../port/fill.js';
import type { Market } from '../port/market.js';
import type { StreamListener, Unsubscribe, UserStreamEvent } from '../port/stream-events.js';
import type { BackoffOptions } from '../resilience/jittered-backoff.js';
import { type ListenerErrorHandler, ListenerSet } from '../stream/listener-set.js';
import type { CoinbaseJwtSigner } from './coinbase-jwt.js';
import { CoinbaseSocket } from './coinbase-socket.js';
import { type FillBackfillSource, GapBackfill } from './gap-backfill.js';
import { CoinbaseUserChannelParser } from './user-channel-parser.js';

/** What the private stream is built from. */
export interface CoinbaseUserStreamOptions {
  /** `wss://advanced-trade-ws-user.coinbase.com` or EXCHANGE_WS_USER_URL. */
  readonly url: string;
  readonly signer: CoinbaseJwtSigner;
  readonly clock: Clock;
  /** Products to subscribe (all of the account's when empty). */
  readonly productIds: readonly string[];
  readonly resolveProduct: (productId: string) => Market | undefined;
  /** REST reads for gap backfills, and where the first backfill starts (the stream's start). */
  readonly backfill: FillBackfillSource;
  readonly backfillCursor: FillCursor;
  readonly reconnect?: BackoffOptions;
  readonly idleTimeoutMs?: number;
  readonly onListenerError?: ListenerErrorHandler;
  /** Told when a backfill fails (it is tried again at the next gap). */
  readonly onBackfillError?: (error: unknown) => void;
}

/** Counts for health checks and tests. */
export interface UserStreamCounters {
  readonly connections: number;
  readonly gaps: number;
  readonly backfilledFills: number;
  readonly lastMessageAt: Date | undefined;
}

/**
 * Coinbase's private `user` channel (with `heartbeats`, or the channel closes after 60–90 s of
 * silence), consumed directly with `ws` because ccxt.pro misparses partial fills
 * (docs/exchange-notes.md, ccxt 11). Each subscribe carries a freshly signed JWT. Delivers order updates
 * and per-fill deltas, `connected` once subscribed and the snapshot is in, `disconnected` on loss,
 * and `gap` when sequence numbers jump, after which the missed fills are backfilled over REST and
 * delivered (with trade ids) exactly once.
 */
export class CoinbaseUserStream {
  readonly #options: CoinbaseUserStreamOptions;
  readonly #listeners: ListenerSet<UserStreamEvent>;
  readonly #parser: CoinbaseUserChannelParser;
  readonly #socket: CoinbaseSocket;
  readonly #backfill: GapBackfill;
  #ready = false;
  #userConfirmed = false;
  #waiters: Array<() => void> = [];
  #counters = { connections: 0, gaps: 0, backfilledFills: 0, lastMessageAt: undefined as Date | undefined };

  constructor(options: CoinbaseUserStreamOptions) {
    this.#options = options;
    this.#listeners = new ListenerSet(options.onListenerError);
    this.#parser = new CoinbaseUserChannelParser(options.resolveProduct);
    this.#backfill = new GapBackfill({
      source: options.backfill,
      tracker: this.#parser.tracker,
      cursor: options.backfillCursor,
      emit: (event) => this.#listeners.emit(event),
      now: () => options.clock.now(),
    });
    this.#socket = new CoinbaseSocket({
      url: options.url,
      subscribeMessages: () => this.#subscribeMessages(),
      onOpen: () => {
        this.#parser.startConnection();
        this.#userConfirmed = false;
      },
      onMessage: (text) => this.#onMessage(text),
      onDisconnected: (reason) => this.#onDisconnected(reason),
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

  /** Resolves when the stream is subscribed with its snapshot in, and no backfill is running. */
  async whenReady(): Promise<void> {
    if (!this.#ready) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    await this.#backfill.idle();
  }

  /** Counters for health and tests. */
  get counters(): UserStreamCounters {
    return { ...this.#counters };
  }

  /** Disconnects for good and drops every listener. */
  close(): void {
    this.#socket.stop();
    this.#listeners.clear();
    this.#ready = false;
    for (const resolve of this.#waiters.splice(0)) resolve();
  }

  async #subscribeMessages(): Promise<object[]> {
    const products =
      this.#options.productIds.length > 0 ? { product_ids: [...this.#options.productIds] } : {};
    // One JWT per subscribe message: a token lives two minutes (docs/exchange-notes.md, Coinbase 2).
    return [
      { type: 'subscribe', channel: 'heartbeats', jwt: await this.#options.signer.sign() },
      { type: 'subscribe', channel: 'user', ...products, jwt: await this.#options.signer.sign() },
    ];
  }

  #onMessage(text: string): void {
    const receivedAt = this.#options.clock.now();
    this.#counters.lastMessageAt = receivedAt;
    const output = this.#parser.parse(text, receivedAt);
    if (output.error !== undefined) {
      this.#socket.restart(output.error);
      return;
    }
    for (const event of output.events) this.#listeners.emit(event);
    if (output.gap !== undefined) {
      this.#counters.gaps += 1;
      this.#startBackfill();
    }
    if (!this.#ready && this.#subscribed(output.subscriptions) && this.#parser.snapshotComplete)
      this.#goLive(receivedAt);
  }

  #subscribed(subscriptions: readonly string[] | undefined): boolean {
    if (subscriptions?.includes('user') === true) this.#userConfirmed = true;
    return this.#userConfirmed;
  }

  #goLive(receivedAt: Date): void {
    this.#ready = true;
    this.#counters.connections += 1;
    this.#socket.markHealthy();
    this.#listeners.emit({ type: 'connected', receivedAt });
    for (const resolve of this.#waiters.splice(0)) resolve();
  }

  #onDisconnected(reason: string): void {
    this.#ready = false;
    this.#userConfirmed = false;
    this.#listeners.emit({ type: 'disconnected', reason, receivedAt: this.#options.clock.now() });
  }

  #startBackfill(): void {
    this.#backfill.run().then(
      (reported) => {
        this.#counters.backfilledFills += reported;
      },
      (error: unknown) => this.#options.onBackfillError?.(error),
    );
  }
}
