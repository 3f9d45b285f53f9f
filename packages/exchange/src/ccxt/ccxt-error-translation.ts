import type { ExchangeErrorKind } from '@hookline/core';
import {
  AuthenticationError,
  BadRequest,
  BadResponse,
  BadSymbol,
  BaseError as CcxtBaseError,
  DDoSProtection,
  InsufficientFunds,
  InvalidOrder,
  NetworkError,
  OrderNotFound,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt';
import { ExchangeError, type ExchangeErrorContext, isExchangeError } from '../port/exchange-error.js';
import type { RejectionMeaning, VenueRejection } from './venue-rejections.js';

/** What the translation needs to know about the failed call. */
export interface TranslationInput {
  /** The port operation (createOrder, fetchOrder…). */
  readonly operation: string;
  readonly exchange: string;
  /** Finds the venue's own error code in the ccxt message (body-first: docs/exchange-notes.md, ccxt 3-4). */
  readonly parseRejection: (message: string) => VenueRejection | undefined;
  readonly context?: ExchangeErrorContext;
}

// A create or cancel that failed without a definitive answer may still have happened.
const writes = new Set(['createOrder', 'cancelOrder']);
const orderLookups = new Set(['fetchOrder', 'cancelOrder']);
// ccxt formats HTTP failures as `<id> <METHOD> <url> <status> <reason> <body>`.
const httpStatusPattern = /^\S+ (?:GET|POST|PUT|DELETE|PATCH) \S+ (\d{3})\b/;

/**
 * Translates anything ccxt (or the network under it) threw into the closed set, once, at the
 * boundary. The body decides before the class does: ccxt raises a plain ExchangeError for
 * Coinbase's `success:false` rejections and for a 500 with JSON, ExchangeNotAvailable for a 400
 * with a text body, RequestTimeout for 504 (docs/exchange-notes.md, ccxt 3 and 4). For a create or a
 * cancel, every failure without a definitive answer is UNKNOWN_OUTCOME, never a rejection.
 */
export function translateCcxtError(error: unknown, input: TranslationInput): ExchangeError {
  if (isExchangeError(error)) return error;
  const write = writes.has(input.operation);
  const message = error instanceof Error ? error.message : String(error);
  const status = Number(httpStatusPattern.exec(message)?.[1] ?? Number.NaN);
  const rejection = input.parseRejection(message);
  const kind =
    rejection === undefined
      ? kindFromClass(error, status, input.operation)
      : resolve(rejection.meaning, write);
  const context: ExchangeErrorContext = {
    ...input.context,
    operation: input.operation,
    exchange: input.exchange,
    ...(rejection === undefined ? {} : { venueCode: rejection.code }),
    ...(Number.isNaN(status) ? {} : { httpStatus: status }),
  };
  const detail = rejection?.message ?? summarize(message);
  return new ExchangeError(kind, `${input.exchange} ${input.operation} failed: ${detail}`, {
    context,
    cause: error,
  });
}

/** The kind a venue code's meaning takes for a read or for a create/cancel. */
export function resolve(meaning: RejectionMeaning, write: boolean): ExchangeErrorKind {
  if (meaning === 'PASSING') return write ? 'UNKNOWN_OUTCOME' : 'TEMPORARY';
  if (meaning === 'REFUSED') return write ? 'INVALID_ORDER' : 'FATAL';
  return meaning;
}

function kindFromClass(error: unknown, status: number, operation: string): ExchangeErrorKind {
  const write = writes.has(operation);
  if (error instanceof RateLimitExceeded || error instanceof DDoSProtection || status === 429) {
    return 'RATE_LIMITED';
  }
  if (error instanceof RequestTimeout) return write ? 'UNKNOWN_OUTCOME' : 'TEMPORARY';
  if (error instanceof AuthenticationError || status === 401 || status === 403) return 'AUTH';
  if (error instanceof InsufficientFunds) return 'INSUFFICIENT_FUNDS';
  if (error instanceof BadSymbol) return 'INVALID_SYMBOL';
  if (error instanceof OrderNotFound) return 'NOT_FOUND';
  if (status === 404) return orderLookups.has(operation) ? 'NOT_FOUND' : 'FATAL';
  // A 4xx the venue answered (ccxt may call it ExchangeNotAvailable): refused, so nothing happened.
  if (status >= 400 && status < 500 && status !== 408) return resolve('REFUSED', write);
  if (error instanceof InvalidOrder) return 'INVALID_ORDER';
  if (error instanceof BadRequest) return resolve('REFUSED', write);
  if (error instanceof NetworkError || error instanceof BadResponse) return resolve('PASSING', write);
  // A plain ccxt ExchangeError whose body we do not recognize (e.g. a 500 with JSON): passing for
  // a read; for a create we cannot tell, so unknown. Anything not from ccxt is our bug or the
  // runtime's: a create may still have left, a read is not worth retrying.
  if (error instanceof CcxtBaseError) return resolve('PASSING', write);
  return write ? 'UNKNOWN_OUTCOME' : 'FATAL';
}

function summarize(message: string): string {
  const compact = message.replace(/\s+/g, ' ').trim();
  return compact.length > 240 ? `${compact.slice(0, 240)}…` : compact;
}
