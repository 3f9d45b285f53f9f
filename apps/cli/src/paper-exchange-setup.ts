import { type Clock, dec } from '@hookline/core';
import {
  CcxtExchange,
  defaultPaperMarkets,
  FilePaperStateStore,
  MarketQuotes,
  PaperExchange,
  VenuePriceSource,
} from '@hookline/exchange';
import type { ReadinessCheck } from '@hookline/runtime';
import type { Config } from '@hookline/schemas';
import type { Logger } from 'pino';

/** The paper exchange of MODE=paper, what /readyz asks of it, and what to close with it. */
export interface PaperSetup {
  readonly exchange: PaperExchange;
  /** Present on live prices: ready once every paper market has a real price from the venue. */
  readonly readiness?: ReadinessCheck;
  /** Reads the venue once at start (live prices), logging clearly when it cannot be reached. */
  firstRead(): Promise<void>;
  close(): Promise<void>;
}

/** Where a venue's public market data is read by default (EXCHANGE_REST_URL / EXCHANGE_WS_URL override). */
const publicEndpoints: Readonly<Record<Config['EXCHANGE'], { rest: string; ws: string }>> = {
  coinbase: { rest: 'https://api.coinbase.com', ws: 'wss://advanced-trade-ws.coinbase.com' },
  kraken: { rest: 'https://api.kraken.com', ws: 'wss://ws.kraken.com/v2' },
  binance: { rest: 'https://api.binance.com', ws: 'REST only' },
};

/** The venue and the addresses its public data comes from, as logs and /readyz name them. */
export function paperVenueDescription(config: Config): string {
  const defaults = publicEndpoints[config.EXCHANGE];
  const rest = config.EXCHANGE_REST_URL ?? defaults.rest;
  const ws = config.EXCHANGE_WS_URL ?? defaults.ws;
  return `${config.EXCHANGE} (${rest}, ${ws})`;
}

/**
 * Paper mode's exchange. HOOKLINE_PAPER_PRICES=live: the books follow EXCHANGE's public market data
 * (its ticker stream through the quote cache, REST as the fallback, public OHLCV for candles; no
 * keys), one price level a side as the venue's top of book shows it. simulated: the simulated market
 * (offline), a seeded random walk with seeded candle history. Both keep the paper state in DATA_DIR
 * (read-only for sighook) and start a new account with HOOKLINE_PAPER_BALANCES.
 */
export function openPaperExchange(
  config: Config,
  clock: Clock,
  logger: Logger,
  options: { readonly stateReadOnly: boolean; readonly historyMinutes: number },
): PaperSetup {
  const file = new FilePaperStateStore(config.DATA_DIR);
  const store = options.stateReadOnly ? { load: () => file.load(), save: () => undefined } : file;
  const initialBalances = Object.fromEntries(
    Object.entries(config.HOOKLINE_PAPER_BALANCES).map(([currency, amount]) => [currency, dec(amount)]),
  );
  const common = { clock, store, initialBalances, latencyMs: config.HOOKLINE_PAPER_LATENCY_MS };
  if (config.HOOKLINE_PAPER_PRICES === 'simulated') {
    const exchange = new PaperExchange({ ...common, historyMinutes: options.historyMinutes });
    return { exchange, firstRead: async () => undefined, close: () => exchange.close() };
  }
  const venue = new CcxtExchange({
    venue: config.EXCHANGE,
    clock,
    name: `${config.EXCHANGE} public data`,
    requestTimeoutMs: 5_000,
    urls: {
      ...(config.EXCHANGE_REST_URL === undefined ? {} : { rest: config.EXCHANGE_REST_URL }),
      ...(config.EXCHANGE_WS_URL === undefined ? {} : { ws: config.EXCHANGE_WS_URL }),
    },
    onBackgroundError: (error) => logger.debug({ err: error }, 'paper price feed background error'),
  });
  const quotes = new MarketQuotes({
    exchange: venue,
    clock,
    settings: {
      fallbackRequestsPerSecond: Number(config.HOOKLINE_QUOTE_FALLBACK_RPS),
      streamMaxAgeMs: config.HOOKLINE_QUOTE_STREAM_MAX_AGE_MS,
      frozenAfterMs: config.HOOKLINE_QUOTE_FROZEN_AFTER_MS,
    },
  });
  const description = paperVenueDescription(config);
  const source = new VenuePriceSource({
    quotes,
    symbols: defaultPaperMarkets.map((spec) => spec.market.symbol),
    clock,
    venue: description,
  });
  const exchange = new PaperExchange({
    ...common,
    priceSource: source,
    book: { depth: 1 },
    candles: (symbol, timeframe, query) => venue.fetchCandles(symbol, timeframe, query),
  });
  const advice = 'set HOOKLINE_PAPER_PRICES=simulated to paper trade the simulated market (offline)';
  return {
    exchange,
    readiness: {
      name: 'paper prices',
      run: async () => {
        const status = source.status();
        return status.ready
          ? { ok: true, detail: { venue: description } }
          : { ok: false, detail: `${status.reason ?? 'no price yet'}; ${advice}` };
      },
    },
    firstRead: async () => {
      await exchange.refreshPrices();
      const status = source.status();
      if (status.ready) {
        logger.info({ venue: description }, 'paper trading on live prices');
        return;
      }
      logger.error(
        { venue: description, missing: status.missing, reason: status.reason },
        `paper prices: cannot read ${description}; not ready until it answers (${advice})`,
      );
    },
    close: async () => {
      quotes.close();
      await exchange.close();
      await venue.close();
    },
  };
}
