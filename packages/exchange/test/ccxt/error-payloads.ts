import type { ExchangeErrorKind } from '@hookline/core';
import {
  AuthenticationError,
  BadRequest,
  ExchangeError as CcxtExchangeError,
  ExchangeNotAvailable,
  InsufficientFunds,
  InvalidOrder,
  NetworkError,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt';
import type { VenueId } from '../../src/ccxt/venue-profile.js';

/** One row: what ccxt raised for a venue answer, during which operation, and the kind it must become. */
export interface Row {
  readonly name: string;
  readonly venue: VenueId;
  readonly error: Error;
  readonly operation: string;
  readonly kind: ExchangeErrorKind;
  readonly venueCode?: string;
}

const url = 'https://api.coinbase.com/api/v3/brokerage/orders';
// The messages are what ccxt 4.5 raises for these bodies: `<id> <body>` from handleErrors, or
// `<id> <METHOD> <url> <status> <reason> <body>` from the HTTP status table
// (docs/exchange-notes.md, ccxt 3-5).
const coinbaseFailure = (error: string, extra: Record<string, unknown> = {}) =>
  `coinbase ${JSON.stringify({
    success: false,
    failure_reason: 'UNKNOWN_FAILURE_REASON',
    order_id: '',
    error_response: {
      error,
      message: 'refused',
      error_details: '',
      new_order_failure_reason: error,
      ...extra,
    },
    order_configuration: { limit_limit_gtc: { base_size: '0.001', limit_price: '60000', post_only: true } },
  })}`;
const html = (status: number) => `<html><head><title>${status}</title></head><body>cloudflare</body></html>`;

/** Recorded-style failures of Coinbase, Kraken and Binance and the kind each must translate to. */
export const errorRows: readonly Row[] = [
  {
    name: 'Coinbase 200 success:false INSUFFICIENT_FUND',
    venue: 'coinbase',
    error: new CcxtExchangeError(coinbaseFailure('INSUFFICIENT_FUND')),
    operation: 'createOrder',
    kind: 'INSUFFICIENT_FUNDS',
    venueCode: 'INSUFFICIENT_FUND',
  },
  {
    name: 'Coinbase post-only would cross',
    venue: 'coinbase',
    error: new CcxtExchangeError(coinbaseFailure('INVALID_LIMIT_PRICE_POST_ONLY')),
    operation: 'createOrder',
    kind: 'INVALID_ORDER',
    venueCode: 'INVALID_LIMIT_PRICE_POST_ONLY',
  },
  {
    name: 'Coinbase unsupported configuration',
    venue: 'coinbase',
    error: new CcxtExchangeError(coinbaseFailure('UNSUPPORTED_ORDER_CONFIGURATION')),
    operation: 'createOrder',
    kind: 'INVALID_ORDER',
  },
  {
    name: 'Coinbase size below minimum (preview reason)',
    venue: 'coinbase',
    error: new CcxtExchangeError(
      coinbaseFailure('UNKNOWN_FAILURE_REASON', {
        preview_failure_reason: 'PREVIEW_INVALID_BASE_SIZE_TOO_SMALL',
      }),
    ),
    operation: 'createOrder',
    kind: 'INVALID_ORDER',
    venueCode: 'PREVIEW_INVALID_BASE_SIZE_TOO_SMALL',
  },
  {
    name: 'Coinbase insufficient funds as ccxt classifies the preview reason',
    venue: 'coinbase',
    error: new InsufficientFunds(
      coinbaseFailure('UNKNOWN_FAILURE_REASON', { preview_failure_reason: 'PREVIEW_INSUFFICIENT_FUND' }),
    ),
    operation: 'createOrder',
    kind: 'INSUFFICIENT_FUNDS',
  },
  {
    name: 'Coinbase unknown product',
    venue: 'coinbase',
    error: new CcxtExchangeError(coinbaseFailure('INVALID_PRODUCT_ID')),
    operation: 'createOrder',
    kind: 'INVALID_SYMBOL',
  },
  {
    name: 'Coinbase success:false with an unknown reason is still a definitive refusal',
    venue: 'coinbase',
    error: new CcxtExchangeError(coinbaseFailure('SOMETHING_NEW')),
    operation: 'createOrder',
    kind: 'INVALID_ORDER',
  },
  {
    name: 'Coinbase unknown order (404 body, ccxt misses its broad rule)',
    venue: 'coinbase',
    error: new CcxtExchangeError(
      'coinbase {"error":"NOT_FOUND","error_details":"order with this orderID was not found","message":"order with this orderID was not found"}',
    ),
    operation: 'fetchOrder',
    kind: 'NOT_FOUND',
  },
  {
    name: 'Coinbase 401 text body',
    venue: 'coinbase',
    error: new AuthenticationError(`coinbase GET ${url} 401 Unauthorized Unauthorized`),
    operation: 'fetchBalances',
    kind: 'AUTH',
  },
  {
    name: '429 on a create',
    venue: 'coinbase',
    error: new RateLimitExceeded(
      `coinbase POST ${url} 429 Too Many Requests {"message":"Too many requests"}`,
    ),
    operation: 'createOrder',
    kind: 'RATE_LIMITED',
  },
  {
    name: '429 on a read',
    venue: 'coinbase',
    error: new RateLimitExceeded(`coinbase GET ${url} 429 Too Many Requests too many`),
    operation: 'fetchBalances',
    kind: 'RATE_LIMITED',
  },
  {
    name: 'timeout on a create (it may have been placed)',
    venue: 'coinbase',
    error: new RequestTimeout(`coinbase POST ${url} request timed out (10000 ms)`),
    operation: 'createOrder',
    kind: 'UNKNOWN_OUTCOME',
  },
  {
    name: 'timeout on a read',
    venue: 'coinbase',
    error: new RequestTimeout(`coinbase GET ${url} request timed out (10000 ms)`),
    operation: 'fetchTicker',
    kind: 'TEMPORARY',
  },
  {
    name: '504 on a create',
    venue: 'coinbase',
    error: new RequestTimeout(`coinbase POST ${url} 504 Gateway Timeout ${html(504)}`),
    operation: 'createOrder',
    kind: 'UNKNOWN_OUTCOME',
  },
  {
    name: '502 HTML on a create',
    venue: 'coinbase',
    error: new ExchangeNotAvailable(`coinbase POST ${url} 502 Bad Gateway ${html(502)}`),
    operation: 'createOrder',
    kind: 'UNKNOWN_OUTCOME',
  },
  {
    name: '503 HTML on a read',
    venue: 'coinbase',
    error: new ExchangeNotAvailable(`coinbase GET ${url} 503 Service Unavailable ${html(503)}`),
    operation: 'fetchBalances',
    kind: 'TEMPORARY',
  },
  {
    name: '500 with JSON (a plain ExchangeError) on a create',
    venue: 'coinbase',
    error: new CcxtExchangeError('coinbase {"error":"INTERNAL","code":13,"message":"Internal error"}'),
    operation: 'createOrder',
    kind: 'UNKNOWN_OUTCOME',
    venueCode: 'INTERNAL',
  },
  {
    name: '500 with JSON on a read',
    venue: 'coinbase',
    error: new CcxtExchangeError('coinbase {"error":"INTERNAL","code":13,"message":"Internal error"}'),
    operation: 'fetchOpenOrders',
    kind: 'TEMPORARY',
  },
  {
    name: '400 with a text body (ccxt says ExchangeNotAvailable) on a create',
    venue: 'coinbase',
    error: new ExchangeNotAvailable(`coinbase POST ${url} 400 Bad Request invalid request`),
    operation: 'createOrder',
    kind: 'INVALID_ORDER',
  },
  {
    name: '400 with a text body on a read',
    venue: 'coinbase',
    error: new ExchangeNotAvailable(`coinbase GET ${url} 400 Bad Request invalid request`),
    operation: 'fetchBalances',
    kind: 'FATAL',
  },
  {
    name: 'dropped connection on a create',
    venue: 'coinbase',
    error: new NetworkError(`coinbase POST ${url} fetch failed: other side closed`),
    operation: 'createOrder',
    kind: 'UNKNOWN_OUTCOME',
  },
  {
    name: 'a bug outside ccxt during a create',
    venue: 'coinbase',
    error: new TypeError('x is undefined'),
    operation: 'createOrder',
    kind: 'UNKNOWN_OUTCOME',
  },
  {
    name: 'Kraken insufficient funds',
    venue: 'kraken',
    error: new InsufficientFunds('kraken {"error":["EOrder:Insufficient funds"]}'),
    operation: 'createOrder',
    kind: 'INSUFFICIENT_FUNDS',
    venueCode: 'EOrder:Insufficient funds',
  },
  {
    name: 'Kraken minimum not met',
    venue: 'kraken',
    error: new InvalidOrder('kraken {"error":["EOrder:Order minimum not met"]}'),
    operation: 'createOrder',
    kind: 'INVALID_ORDER',
  },
  {
    name: 'Kraken unknown order (ccxt: InvalidOrder)',
    venue: 'kraken',
    error: new InvalidOrder('kraken {"error":["EOrder:Unknown order"]}'),
    operation: 'cancelOrder',
    kind: 'NOT_FOUND',
  },
  {
    name: 'Kraken busy on a create',
    venue: 'kraken',
    error: new ExchangeNotAvailable('kraken {"error":["EService:Busy"]}'),
    operation: 'createOrder',
    kind: 'UNKNOWN_OUTCOME',
  },
  {
    name: 'Kraken invalid arguments with detail',
    venue: 'kraken',
    error: new BadRequest('kraken {"error":["EGeneral:Invalid arguments:volume"]}'),
    operation: 'createOrder',
    kind: 'INVALID_ORDER',
  },
  {
    name: 'Binance insufficient balance (-2010)',
    venue: 'binance',
    error: new InsufficientFunds(
      'binance {"code":-2010,"msg":"Account has insufficient balance for requested action."}',
    ),
    operation: 'createOrder',
    kind: 'INSUFFICIENT_FUNDS',
  },
  {
    name: 'Binance post-only would take (-2010)',
    venue: 'binance',
    error: new InvalidOrder('binance {"code":-2010,"msg":"Order would immediately match and take."}'),
    operation: 'createOrder',
    kind: 'INVALID_ORDER',
  },
  {
    name: 'Binance unknown order (-2013)',
    venue: 'binance',
    error: new InvalidOrder('binance {"code":-2013,"msg":"Order does not exist."}'),
    operation: 'fetchOrder',
    kind: 'NOT_FOUND',
  },
  {
    name: 'Binance filter failure (-1013)',
    venue: 'binance',
    error: new InvalidOrder('binance {"code":-1013,"msg":"Filter failure: NOTIONAL"}'),
    operation: 'createOrder',
    kind: 'INVALID_ORDER',
  },
  {
    name: 'Binance execution status unknown (-1007)',
    venue: 'binance',
    error: new RequestTimeout(
      'binance {"code":-1007,"msg":"Timeout waiting for response from backend server. Send status unknown; execution status unknown."}',
    ),
    operation: 'createOrder',
    kind: 'UNKNOWN_OUTCOME',
  },
];
