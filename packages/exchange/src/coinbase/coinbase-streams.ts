import type { Clock } from '@hookline/core';
import { ExchangeError } from '../port/exchange-error.js';
import type { FillCursor } from '../port/fill.js';
import type { Market } from '../port/market.js';
import type {
  StreamListener,
  TickerStreamEvent,
  Unsubscribe,
  UserStreamEvent,
} from '../port/stream-events.js';
import type { BackoffOptions } from '../resilience/jittered-backoff.js';
import type { ListenerErrorHandler } from '../stream/listener-set.js';
import { SharedStream } from '../stream/shared-stream.js';
import type { CoinbaseJwtSigner } from './coinbase-jwt.js';
import { CoinbaseTickerStream } from './coinbase-ticker-stream.js';
import { CoinbaseUserStream } from './coinbase-user-stream.js';
import type { FillBackfillSource } from './gap-backfill.js';

/** What the Coinbase streams of one adapter share. */
export interface CoinbaseStreamsOptions {
  readonly urls: { readonly ws: string; readonly wsUser: string };
  /** Needed for the user channel; market data works without. */
  readonly signer: CoinbaseJwtSigner | undefined;
  readonly clock: Clock;
  readonly resolveProduct: (productId: string) => Market | undefined;
  readonly backfill: FillBackfillSource & { fillCursorAt(time: Date): FillCursor };
  readonly userProductIds?: readonly string[];
  /** How far before the stream's start the first gap backfill looks (default 60 s, for clock skew). */
  readonly backfillLookbackMs?: number;
  readonly reconnect?: BackoffOptions;
  readonly idleTimeoutMs?: number;
  readonly onListenerError?: ListenerErrorHandler;
  readonly onBackgroundError?: (error: unknown) => void;
}

/**
 * The WebSocket side of the Coinbase adapter: one shared private stream (opened by the first
 * subscriber, closed with the last) and one market-data connection per ticker subscription.
 */
export class CoinbaseStreams {
  readonly #options: CoinbaseStreamsOptions;
  readonly #user = new SharedStream<StreamListener<UserStreamEvent>, CoinbaseUserStream>(() => {
    const signer = this.#options.signer;
    if (signer === undefined) throw new Error('the Coinbase user stream opened without a signer');
    return this.#newUserStream(signer);
  });
  readonly #tickers = new Set<CoinbaseTickerStream>();

  constructor(options: CoinbaseStreamsOptions) {
    this.#options = options;
  }

  /** Subscribes to our orders and fills. AUTH without credentials. */
  subscribeUser(listener: StreamListener<UserStreamEvent>): Unsubscribe {
    const signer = this.#options.signer;
    if (signer === undefined) {
      throw new ExchangeError('AUTH', 'the Coinbase user channel needs an API key and secret', {
        context: { operation: 'subscribeUserEvents' },
      });
    }
    return this.#user.subscribe(listener);
  }

  /** Subscribes to best bid/ask of the products. */
  subscribeTickers(productIds: readonly string[], listener: StreamListener<TickerStreamEvent>): Unsubscribe {
    const { clock, resolveProduct, signer, reconnect, idleTimeoutMs } = this.#options;
    const stream = new CoinbaseTickerStream(
      {
        url: this.#options.urls.ws,
        clock,
        productIds,
        resolveProduct,
        ...(signer === undefined ? {} : { signer }),
        ...(reconnect === undefined ? {} : { reconnect }),
        ...(idleTimeoutMs === undefined ? {} : { idleTimeoutMs }),
      },
      (event) => {
        try {
          listener(event);
        } catch (error) {
          this.#options.onListenerError?.(error);
        }
      },
    );
    this.#tickers.add(stream);
    return () => {
      stream.close();
      this.#tickers.delete(stream);
    };
  }

  /** Resolves once every open stream is subscribed (and the user stream's backfills are done). */
  async whenSettled(): Promise<void> {
    await Promise.all([
      this.#user.stream?.whenReady(),
      ...[...this.#tickers].map((stream) => stream.whenReady()),
    ]);
  }

  /** The private stream's counters, when it is open. */
  userCounters() {
    return this.#user.stream?.counters;
  }

  /** Closes every stream. */
  close(): void {
    this.#user.close();
    for (const stream of this.#tickers) stream.close();
    this.#tickers.clear();
  }

  #newUserStream(signer: CoinbaseJwtSigner): CoinbaseUserStream {
    const { clock, resolveProduct, backfill, reconnect, idleTimeoutMs, onListenerError, onBackgroundError } =
      this.#options;
    return new CoinbaseUserStream({
      url: this.#options.urls.wsUser,
      signer,
      clock,
      productIds: this.#options.userProductIds ?? [],
      resolveProduct,
      backfill,
      // Venue and local clocks differ: start the backfill window a little before now. A fill of an
      // order the stream never saw, from just before it started, may then be reported (once, with
      // its trade id), which is better than missing one.
      backfillCursor: backfill.fillCursorAt(
        new Date(clock.nowMs() - (this.#options.backfillLookbackMs ?? 60_000)),
      ),
      ...(reconnect === undefined ? {} : { reconnect }),
      ...(idleTimeoutMs === undefined ? {} : { idleTimeoutMs }),
      ...(onListenerError === undefined ? {} : { onListenerError }),
      ...(onBackgroundError === undefined ? {} : { onBackfillError: onBackgroundError }),
    });
  }
}
