import type { Clock, Decimal } from '@hookline/core';
import type { CircuitBreakerOptions } from '../resilience/circuit-breaker.js';
import type { BackoffOptions } from '../resilience/jittered-backoff.js';
import type { ReadRetryOptions } from '../resilience/read-retry.js';
import type { ListenerErrorHandler } from '../stream/listener-set.js';
import type { VenueId } from './venue-profile.js';

/** Base URL overrides (EXCHANGE_REST_URL, EXCHANGE_WS_URL, EXCHANGE_WS_USER_URL), e.g. a local test server. */
export interface ExchangeUrls {
  readonly rest?: string;
  readonly ws?: string;
  readonly wsUser?: string;
}

/** How a CcxtExchange is built; only the venue and the clock are required. */
export interface CcxtExchangeOptions {
  readonly venue: VenueId;
  /** Receive times and the breaker's OPEN period; JWTs are stamped with it too. */
  readonly clock: Clock;
  /** Coinbase: the CDP key name (`organizations/…/apiKeys/…`). */
  readonly apiKey?: string;
  /** Coinbase: the key's EC private key in PEM form. */
  readonly secret?: string;
  readonly urls?: ExchangeUrls;
  /** Trade the venue's sandbox (its REST base unless `urls.rest` is given); refused where there is none. */
  readonly sandbox?: boolean;
  /** ccxt's per-request timeout (default 10 s). */
  readonly requestTimeoutMs?: number;
  /** Deadline of one attempt including the rate-limit queue (default twice the request timeout). */
  readonly attemptTimeoutMs?: number;
  /** Override of the profile's request budgets (both), ms per request. */
  readonly rateLimitMs?: number;
  /** Override of the market data budget, reads per second (default: the profile's public limit). */
  readonly marketDataRequestsPerSecond?: number;
  readonly retry?: ReadRetryOptions;
  /** Both breakers' settings (market data and orders each count their own failures). */
  readonly breaker?: Partial<Omit<CircuitBreakerOptions, 'exchange' | 'clock' | 'scope'>>;
  /** A market buy sent as an IOC limit may pay up to the ask × (1 + this) (default 0.05). */
  readonly marketBuyMaxSlippage?: Decimal;
  /** How far back a lookup by client order id searches (default 7 days, 10 pages of 100). */
  readonly clientOrderLookup?: {
    readonly lookbackMs?: number;
    readonly pageSize?: number;
    readonly maxPages?: number;
  };
  /** The WebSocket streams: reconnect backoff, idle timeout, and the products of the user channel. */
  readonly stream?: {
    readonly reconnect?: BackoffOptions;
    readonly idleTimeoutMs?: number;
    readonly userProductIds?: readonly string[];
  };
  readonly onListenerError?: ListenerErrorHandler;
  /** Told about failures in background work (stream backfills). */
  readonly onBackgroundError?: (error: unknown) => void;
  /** Name for logs, metrics and the breaker (default: the venue). */
  readonly name?: string;
}

/** Coinbase Advanced Trade's WebSocket endpoints (docs/exchange-notes.md, Coinbase 1). */
export const coinbaseWebSocketUrls = {
  ws: 'wss://advanced-trade-ws.coinbase.com',
  wsUser: 'wss://advanced-trade-ws-user.coinbase.com',
} as const;

/** The URL overrides from the environment's EXCHANGE_REST_URL, EXCHANGE_WS_URL and EXCHANGE_WS_USER_URL. */
export function exchangeUrlsFromEnv(env: Readonly<Record<string, string | undefined>>): ExchangeUrls {
  const pick = (key: string) => {
    const value = env[key]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const rest = pick('EXCHANGE_REST_URL');
  const ws = pick('EXCHANGE_WS_URL');
  const wsUser = pick('EXCHANGE_WS_USER_URL');
  return {
    ...(rest === undefined ? {} : { rest }),
    ...(ws === undefined ? {} : { ws }),
    ...(wsUser === undefined ? {} : { wsUser }),
  };
}
