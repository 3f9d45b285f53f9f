import type { ExchangeErrorKind } from '@hookline/core';

/**
 * What a venue's error code means. Besides the closed kinds: PASSING (the venue failed on its side;
 * a read may be retried, a create or cancel may have happened: UNKNOWN_OUTCOME) and REFUSED (the
 * request was refused as malformed: a create was not placed, INVALID_ORDER; a read will not improve
 * with retries, FATAL).
 */
export type RejectionMeaning = ExchangeErrorKind | 'PASSING' | 'REFUSED';

/** A venue error code found in an error body, and what it means. */
export interface VenueRejection {
  readonly code: string;
  readonly meaning: RejectionMeaning;
  readonly message: string | undefined;
}

// Coinbase Advanced Trade: the error_response.error / new_order_failure_reason /
// preview_failure_reason enums of a failed create (HTTP 200, success:false,
// docs/exchange-notes.md, ccxt 3), the gRPC-style `error` of other failures, and the failure_reason
// of batch_cancel.
const coinbaseCodes: Readonly<Record<string, RejectionMeaning>> = {
  INSUFFICIENT_FUND: 'INSUFFICIENT_FUNDS',
  INSUFFICIENT_FUNDS: 'INSUFFICIENT_FUNDS',
  PREVIEW_INSUFFICIENT_FUND: 'INSUFFICIENT_FUNDS',
  INVALID_LEDGER_BALANCE: 'INSUFFICIENT_FUNDS',
  INVALID_LIMIT_PRICE_POST_ONLY: 'INVALID_ORDER',
  PREVIEW_INVALID_LIMIT_PRICE_POST_ONLY: 'INVALID_ORDER',
  UNSUPPORTED_ORDER_CONFIGURATION: 'INVALID_ORDER',
  INVALID_SIZE_PRECISION: 'INVALID_ORDER',
  INVALID_PRICE_PRECISION: 'INVALID_ORDER',
  PREVIEW_INVALID_SIZE_PRECISION: 'INVALID_ORDER',
  PREVIEW_INVALID_PRICE_PRECISION: 'INVALID_ORDER',
  PREVIEW_INVALID_BASE_SIZE_TOO_SMALL: 'INVALID_ORDER',
  PREVIEW_INVALID_QUOTE_SIZE_TOO_SMALL: 'INVALID_ORDER',
  PREVIEW_INVALID_BASE_SIZE_TOO_LARGE: 'INVALID_ORDER',
  PREVIEW_INVALID_QUOTE_SIZE_TOO_LARGE: 'INVALID_ORDER',
  INVALID_LIMIT_PRICE: 'INVALID_ORDER',
  INVALID_NO_LIQUIDITY: 'INVALID_ORDER',
  INVALID_SIDE: 'INVALID_ORDER',
  ORDER_ENTRY_DISABLED: 'INVALID_ORDER',
  INVALID_REQUEST: 'REFUSED',
  INVALID_ARGUMENT: 'REFUSED',
  INVALID_PRODUCT_ID: 'INVALID_SYMBOL',
  INELIGIBLE_PAIR: 'INVALID_SYMBOL',
  NOT_FOUND: 'NOT_FOUND',
  not_found: 'NOT_FOUND',
  UNKNOWN_CANCEL_ORDER: 'NOT_FOUND',
  UNAUTHENTICATED: 'AUTH',
  PERMISSION_DENIED: 'AUTH',
  authentication_error: 'AUTH',
  unauthorized: 'AUTH',
  invalid_token: 'AUTH',
  expired_token: 'AUTH',
  invalid_scope: 'AUTH',
  RESOURCE_EXHAUSTED: 'RATE_LIMITED',
  rate_limit_exceeded: 'RATE_LIMITED',
  INTERNAL: 'PASSING',
  UNAVAILABLE: 'PASSING',
  DEADLINE_EXCEEDED: 'PASSING',
  internal_server_error: 'PASSING',
  COMMANDER_REJECTED_NEW_ORDER: 'INVALID_ORDER',
};

// Kraken REST `error` array entries (matched as prefixes: `EGeneral:Invalid arguments:volume`).
const krakenCodes: Readonly<Record<string, RejectionMeaning>> = {
  'EOrder:Insufficient funds': 'INSUFFICIENT_FUNDS',
  'EOrder:Order minimum not met': 'INVALID_ORDER',
  'EOrder:Cost minimum not met': 'INVALID_ORDER',
  'EOrder:Post only order': 'INVALID_ORDER',
  'EOrder:Invalid price': 'INVALID_ORDER',
  'EOrder:Invalid order': 'INVALID_ORDER',
  'EService:Market in cancel_only mode': 'INVALID_ORDER',
  'EService:Market in post_only mode': 'INVALID_ORDER',
  'EOrder:Unknown order': 'NOT_FOUND',
  'EQuery:Unknown asset pair': 'INVALID_SYMBOL',
  'EQuery:Invalid asset pair': 'INVALID_SYMBOL',
  'EGeneral:Invalid arguments': 'REFUSED',
  'EAPI:Invalid key': 'AUTH',
  'EAPI:Invalid signature': 'AUTH',
  'EGeneral:Permission denied': 'AUTH',
  'EAPI:Rate limit exceeded': 'RATE_LIMITED',
  'EOrder:Rate limit exceeded': 'RATE_LIMITED',
  'EGeneral:Too many requests': 'RATE_LIMITED',
  'EGeneral:Temporary lockout': 'RATE_LIMITED',
  'EAPI:Invalid nonce': 'PASSING',
  'EService:Unavailable': 'PASSING',
  'EService:Busy': 'PASSING',
  'EGeneral:Internal error': 'PASSING',
  'EDatabase:Internal error': 'PASSING',
};

// Binance `code`s; -2010 and -1013 are refined by `msg` below.
const binanceCodes: Readonly<Record<string, RejectionMeaning>> = {
  '-2010': 'INVALID_ORDER',
  '-2011': 'NOT_FOUND',
  '-2013': 'NOT_FOUND',
  '-1013': 'INVALID_ORDER',
  '-1111': 'INVALID_ORDER',
  '-1121': 'INVALID_SYMBOL',
  '-1003': 'RATE_LIMITED',
  '-1015': 'RATE_LIMITED',
  '-1022': 'AUTH',
  '-2014': 'AUTH',
  '-2015': 'AUTH',
  '-1021': 'PASSING',
  '-1000': 'PASSING',
  '-1001': 'PASSING',
  '-1006': 'PASSING',
  // "Timeout waiting for response from backend server. Send status unknown; execution status unknown."
  '-1007': 'PASSING',
  '-1102': 'REFUSED',
  '-1100': 'REFUSED',
};

/** The Coinbase error code in a ccxt error message holding the JSON body, most specific first. */
export function coinbaseRejection(message: string): VenueRejection | undefined {
  const body = jsonIn(message);
  if (body === undefined) return undefined;
  const details = record(body.error_response);
  const firstError = Array.isArray(body.errors) ? record(body.errors[0]) : undefined;
  const candidates = [
    text(details?.preview_failure_reason),
    text(details?.new_order_failure_reason),
    text(details?.error),
    text(body.failure_reason),
    text(body.error),
    text(firstError?.id),
  ];
  const detail = text(details?.message) ?? text(body.message) ?? text(body.error_details);
  for (const code of candidates) {
    const meaning = code === undefined ? undefined : coinbaseCodes[code];
    if (code !== undefined && meaning !== undefined) return { code, meaning, message: detail };
  }
  // ccxt's own broad rule for this text never fires (it matches against `error`, not the message).
  if (detail !== undefined && /not found/i.test(detail))
    return { code: 'NOT_FOUND', meaning: 'NOT_FOUND', message: detail };
  if (body.success === false) {
    const code = candidates.find((candidate) => candidate !== undefined) ?? 'UNKNOWN_FAILURE_REASON';
    // An explicit success:false is a definitive answer: the order was not created.
    return { code, meaning: 'INVALID_ORDER', message: detail };
  }
  return undefined;
}

/** The Kraken error in a ccxt error message (`kraken {"error":["EOrder:..."]}`). */
export function krakenRejection(message: string): VenueRejection | undefined {
  const body = jsonIn(message);
  const list: unknown[] = Array.isArray(body?.error) ? body.error : [];
  const errors = list.filter((entry): entry is string => typeof entry === 'string');
  for (const entry of errors) {
    const match = Object.entries(krakenCodes).find(([code]) => entry.startsWith(code));
    if (match !== undefined) return { code: match[0], meaning: match[1], message: entry };
  }
  return undefined;
}

/** The Binance error in a ccxt error message (`binance {"code":-2010,"msg":"..."}`). */
export function binanceRejection(message: string): VenueRejection | undefined {
  const body = jsonIn(message);
  if (body === undefined || body.code === undefined) return undefined;
  const code = String(body.code);
  const detail = text(body.msg);
  let meaning = binanceCodes[code];
  if (code === '-2010' && detail !== undefined && /insufficient balance/i.test(detail)) {
    meaning = 'INSUFFICIENT_FUNDS';
  }
  return meaning === undefined ? undefined : { code, meaning, message: detail };
}

function jsonIn(message: string): Record<string, unknown> | undefined {
  const start = message.indexOf('{');
  const end = message.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    return record(JSON.parse(message.slice(start, end + 1)));
  } catch {
    return undefined;
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
