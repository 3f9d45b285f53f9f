import type { Clock } from '@hookline/core';
import { CoinbaseSocket } from '../coinbase/coinbase-socket.js';
import type { Market } from '../port/market.js';
import type { StreamListener, TickerStreamEvent } from '../port/stream-events.js';
import type { BackoffOptions } from '../resilience/jittered-backoff.js';
import { parseKrakenTickerMessage } from './kraken-ticker-parser.js';

/** Kraken's public WebSocket v2 endpoint. */
export const krakenWebSocketUrl = 'wss://ws.kraken.com/v2';

/** What a Kraken ticker stream is built from. */
export interface KrakenTickerStreamOptions {
  /** `wss://ws.kraken.com/v2` or EXCHANGE_WS_URL. */
  readonly url: string;
  readonly clock: Clock;
  /** Kraken v2 symbols (`BTC/USD`). */
  readonly symbols: readonly string[];
  readonly resolveSymbol: (symbol: string) => Market | undefined;
  readonly reconnect?: BackoffOptions;
  /** Kraken sends a heartbeat every second while subscribed; silence this long drops the connection. */
  readonly idleTimeoutMs?: number;
}

/**
 * Best bid/ask of some markets from Kraken's public v2 `ticker` channel, triggered on every change of
 * the best bid or offer (`event_trigger: bbo`). The self-healing socket is the one the Coinbase
 * streams use (connect, subscribe, reconnect with backoff, drop on silence); public data needs no
 * token. One stream per subscription: it connects when created and stops when closed.
 */
export class KrakenTickerStream {
  readonly #options: KrakenTickerStreamOptions;
  readonly #listener: StreamListener<TickerStreamEvent>;
  readonly #socket: CoinbaseSocket;
  #ready = false;
  #waiters: Array<() => void> = [];

  constructor(options: KrakenTickerStreamOptions, listener: StreamListener<TickerStreamEvent>) {
    this.#options = options;
    this.#listener = listener;
    this.#socket = new CoinbaseSocket({
      url: options.url,
      subscribeMessages: async () => [
        {
          method: 'subscribe',
          params: { channel: 'ticker', symbol: [...options.symbols], event_trigger: 'bbo', snapshot: true },
        },
      ],
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

  /** Resolves once Kraken has acknowledged the ticker subscription. */
  async whenReady(): Promise<void> {
    if (!this.#ready) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /** Disconnects for good. */
  close(): void {
    this.#socket.stop();
    for (const resolve of this.#waiters.splice(0)) resolve();
  }

  #onMessage(text: string): void {
    const receivedAt = this.#options.clock.now();
    const output = parseKrakenTickerMessage(text, this.#options.resolveSymbol, receivedAt);
    if (output.error !== undefined) {
      this.#socket.restart(output.error);
      return;
    }
    if (output.subscribed && !this.#ready) {
      this.#ready = true;
      this.#socket.markHealthy();
      this.#listener({ type: 'connected', receivedAt });
      for (const resolve of this.#waiters.splice(0)) resolve();
    }
    for (const ticker of output.tickers) this.#listener({ type: 'ticker', ticker });
  }
}
