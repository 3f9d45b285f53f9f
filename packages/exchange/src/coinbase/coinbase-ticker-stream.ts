import type { Clock } from '@hookline/core';
import type { Market } from '../port/market.js';
import type { StreamListener, TickerStreamEvent } from '../port/stream-events.js';
import type { BackoffOptions } from '../resilience/jittered-backoff.js';
import type { CoinbaseJwtSigner } from './coinbase-jwt.js';
import { CoinbaseSocket } from './coinbase-socket.js';
import { parseTickerMessage } from './ticker-channel-parser.js';

/** What a ticker stream is built from. */
export interface CoinbaseTickerStreamOptions {
  /** `wss://advanced-trade-ws.coinbase.com` or EXCHANGE_WS_URL. */
  readonly url: string;
  readonly clock: Clock;
  readonly productIds: readonly string[];
  readonly resolveProduct: (productId: string) => Market | undefined;
  /** Market data needs no authentication; when given, each subscribe is signed anyway. */
  readonly signer?: CoinbaseJwtSigner;
  readonly reconnect?: BackoffOptions;
  readonly idleTimeoutMs?: number;
}

/**
 * Best bid/ask of some products from Coinbase's public `ticker` channel (plus `heartbeats`, which
 * keeps the connection from closing when a market is quiet), with exchange and receive times.
 * One stream per subscription: it connects when created and stops when closed.
 */
export class CoinbaseTickerStream {
  readonly #options: CoinbaseTickerStreamOptions;
  readonly #listener: StreamListener<TickerStreamEvent>;
  readonly #socket: CoinbaseSocket;
  #ready = false;
  #waiters: Array<() => void> = [];

  constructor(options: CoinbaseTickerStreamOptions, listener: StreamListener<TickerStreamEvent>) {
    this.#options = options;
    this.#listener = listener;
    this.#socket = new CoinbaseSocket({
      url: options.url,
      subscribeMessages: () => this.#subscribeMessages(),
      onOpen: () => {},
      onMessage: (text) => this.#onMessage(text),
      onDisconnected: (reason) => {
        this.#ready = false;
        this.#listener({ type: 'disconnected', reason, receivedAt: options.clock.now() });
      },
      ...(options.reconnect === undefined ? {} : { reconnect: options.reconnect }),
      ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
    });
    this.#socket.start();
  }

  /** Resolves once the venue has confirmed the ticker subscription. */
  async whenReady(): Promise<void> {
    if (!this.#ready) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /** Disconnects for good. */
  close(): void {
    this.#socket.stop();
    for (const resolve of this.#waiters.splice(0)) resolve();
  }

  async #subscribeMessages(): Promise<object[]> {
    const sign = async () =>
      this.#options.signer === undefined ? {} : { jwt: await this.#options.signer.sign() };
    const product_ids = [...this.#options.productIds];
    return [
      { type: 'subscribe', channel: 'heartbeats', ...(await sign()) },
      { type: 'subscribe', channel: 'ticker', product_ids, ...(await sign()) },
    ];
  }

  #onMessage(text: string): void {
    const receivedAt = this.#options.clock.now();
    const output = parseTickerMessage(text, this.#options.resolveProduct, receivedAt);
    if (output.error !== undefined) {
      this.#socket.restart(output.error);
      return;
    }
    if (output.subscriptions?.includes('ticker') === true && !this.#ready) {
      this.#ready = true;
      this.#socket.markHealthy();
      this.#listener({ type: 'connected', receivedAt });
      for (const resolve of this.#waiters.splice(0)) resolve();
    }
    for (const ticker of output.tickers) this.#listener({ type: 'ticker', ticker });
  }
}
