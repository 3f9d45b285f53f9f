import { KrakenUserStream, krakenAuthWebSocketUrl } from '../kraken/kraken-user-stream.js';
import { ExchangeError } from '../port/exchange-error.js';
import type { FillCursor } from '../port/fill.js';
import type { StreamListener, Unsubscribe, UserStreamEvent } from '../port/stream-events.js';
import type { FillBackfillSource } from '../stream/fills-since.js';
import { SharedStream } from '../stream/shared-stream.js';
import type { CcxtExchangeOptions } from './ccxt-exchange-options.js';
import type { CcxtGateway } from './ccxt-gateway.js';
import type { CcxtMarkets } from './ccxt-markets.js';

/**
 * Kraken's private stream of a CcxtExchange: one shared stream, opened by the first subscriber and
 * closed with the last. Its token comes from REST GetWebSocketsToken through ccxt's signed request
 * (`privatePostGetWebSocketsToken`), on the gateway's orders budget like any private call.
 */
export class KrakenUserStreams {
  readonly #options: CcxtExchangeOptions;
  readonly #gateway: CcxtGateway;
  readonly #markets: CcxtMarkets;
  readonly #backfill: FillBackfillSource & { fillCursorAt(time: Date): FillCursor };
  readonly #user = new SharedStream<StreamListener<UserStreamEvent>, KrakenUserStream>(() =>
    this.#newStream(),
  );

  constructor(
    options: CcxtExchangeOptions,
    gateway: CcxtGateway,
    markets: CcxtMarkets,
    backfill: FillBackfillSource & { fillCursorAt(time: Date): FillCursor },
  ) {
    this.#options = options;
    this.#gateway = gateway;
    this.#markets = markets;
    this.#backfill = backfill;
  }

  subscribe(listener: StreamListener<UserStreamEvent>): Unsubscribe {
    if (this.#options.apiKey === undefined || this.#options.secret === undefined) {
      throw new ExchangeError('AUTH', 'the Kraken executions channel needs an API key and secret', {
        context: { operation: 'subscribeUserEvents' },
      });
    }
    return this.#user.subscribe(listener);
  }

  get stream(): KrakenUserStream | undefined {
    return this.#user.stream;
  }

  close(): void {
    this.#user.close();
  }

  /** A fresh WebSocket token (docs/exchange-notes.md, Kraken 4). */
  async fetchToken(): Promise<string> {
    const answer = (await this.#gateway.read('fetchWebSocketsToken', {}, (client) =>
      (
        client as unknown as { privatePostGetWebSocketsToken(): Promise<unknown> }
      ).privatePostGetWebSocketsToken(),
    )) as { result?: { token?: unknown } };
    const token = answer.result?.token;
    if (typeof token !== 'string' || token.length === 0) {
      throw new ExchangeError('TEMPORARY', 'Kraken GetWebSocketsToken answered without a token', {
        context: { operation: 'fetchWebSocketsToken' },
      });
    }
    return token;
  }

  #newStream(): KrakenUserStream {
    const { clock, urls, stream, onListenerError, onBackgroundError } = this.#options;
    return new KrakenUserStream({
      url: urls?.wsUser ?? krakenAuthWebSocketUrl,
      fetchToken: () => this.fetchToken(),
      clock,
      resolveSymbol: (symbol) => this.#markets.resolver?.find(symbol),
      backfill: this.#backfill,
      backfillCursor: this.#backfill.fillCursorAt(new Date(clock.nowMs() - 60_000)),
      ...(stream?.reconnect === undefined ? {} : { reconnect: stream.reconnect }),
      ...(stream?.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: stream.idleTimeoutMs }),
      ...(onListenerError === undefined ? {} : { onListenerError }),
      ...(onBackgroundError === undefined ? {} : { onBackfillError: onBackgroundError }),
    });
  }
}
