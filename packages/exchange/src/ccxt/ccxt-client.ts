import { binance, coinbase, type Exchange, kraken } from 'ccxt';
import type { VenueId, VenueProfile } from './venue-profile.js';

/** What the ccxt instance is built from. */
export interface CcxtClientSettings {
  readonly apiKey?: string;
  readonly secret?: string;
  /** REST base URL override (EXCHANGE_REST_URL), e.g. a local test server. */
  readonly restUrl?: string;
  /** ccxt's per-request timeout; past it ccxt throws RequestTimeout (docs/exchange-notes.md, ccxt 4). */
  readonly requestTimeoutMs: number;
}

const constructors = { coinbase, kraken, binance } as const;

// Where each venue's REST base lives in ccxt's `urls.api` (deep-merged into the defaults,
// docs/exchange-notes.md, ccxt 10); Binance paths carry their API version in the base.
function restUrls(venue: VenueId, rest: string): Record<string, string> {
  switch (venue) {
    case 'coinbase':
      return { rest };
    case 'kraken':
      return { public: rest, private: rest };
    case 'binance':
      return { public: `${rest}/api/v3`, private: `${rest}/api/v3`, v1: `${rest}/api/v1` };
  }
}

/**
 * A ccxt instance for the venue. Numbers come back as strings (`number: String`) so prices and
 * amounts reach Decimal without a binary float in between. ccxt's own rate limiter is off: its one
 * FIFO queue would make a hard stop wait behind queued ticker reads. The gateway's budgets
 * (ExchangeLanes: market data apart from orders, urgent orders first) keep us within the venue's
 * limits instead (docs/exchange-notes.md, ccxt 9).
 */
export function createCcxtClient(profile: VenueProfile, settings: CcxtClientSettings): Exchange {
  const Constructor = constructors[profile.id];
  return new Constructor({
    apiKey: settings.apiKey,
    secret: settings.secret,
    timeout: settings.requestTimeoutMs,
    enableRateLimit: false,
    number: String,
    options: { ...profile.ccxtOptions },
    ...(settings.restUrl === undefined
      ? {}
      : { urls: { api: restUrls(profile.id, stripSlash(settings.restUrl)) } }),
  });
}

function stripSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
