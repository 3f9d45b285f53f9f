import {
  assertNever,
  type ErrorContext,
  type ExchangeErrorKind,
  HooklineError,
  reasonCodeCatalog,
} from '@hookline/core';

/**
 * Every kind an adapter may report, in catalog order (the closed set of docs/architecture.md,
 * "Reason codes").
 */
export const exchangeErrorKinds: readonly ExchangeErrorKind[] = Object.keys(
  reasonCodeCatalog.exchange,
) as ExchangeErrorKind[];

/** What an order-related exchange error says about the order it concerns. */
export interface ExchangeErrorContext extends ErrorContext {
  readonly operation?: string;
  readonly symbol?: string;
  readonly side?: string;
  readonly amount?: unknown;
  readonly price?: unknown;
  readonly clientOrderId?: string;
  readonly orderId?: string;
}

/** Options of an ExchangeError: its context and the error it was translated from. */
export interface ExchangeErrorOptions {
  readonly context?: ExchangeErrorContext;
  readonly cause?: unknown;
}

/**
 * The only error an ExchangePort reports: one closed `kind`, the order's context (side, symbol,
 * amount, price, client order id) and the adapter's original error as `cause`.
 */
export class ExchangeError extends HooklineError {
  readonly kind: ExchangeErrorKind;
  declare readonly context: ExchangeErrorContext;

  constructor(kind: ExchangeErrorKind, message: string, options: ExchangeErrorOptions = {}) {
    super(kind, message, { context: options.context ?? {}, cause: options.cause });
    this.kind = kind;
  }
}

/** True for an ExchangeError, optionally of the given kind. */
export function isExchangeError(error: unknown, kind?: ExchangeErrorKind): error is ExchangeError {
  return error instanceof ExchangeError && (kind === undefined || error.kind === kind);
}

/**
 * True when a failed createOrder proves the order does not exist, so its intent may be marked
 * REJECTED. Everything else leaves it in flight until a lookup by client order id resolves it:
 * "an unknown outcome is not a rejection" (docs/architecture.md, "Order executor").
 */
export function isDefinitiveRejection(kind: ExchangeErrorKind): boolean {
  switch (kind) {
    case 'INSUFFICIENT_FUNDS':
    case 'INVALID_ORDER':
    case 'INVALID_SYMBOL':
    case 'AUTH':
      return true;
    // A 429 normally means "not processed", but the executor treats it as unknown
    // (docs/architecture.md, "Order executor"), and a lookup costs one request; TEMPORARY covers 5xx,
    // which may have been processed.
    case 'RATE_LIMITED':
    case 'TEMPORARY':
    case 'UNKNOWN_OUTCOME':
    case 'NOT_FOUND':
    case 'FATAL':
      return false;
    default:
      return assertNever(kind, 'exchange error kind');
  }
}

/** True when a read (never a create) may be retried with backoff after this kind of failure. */
export function isRetryableRead(kind: ExchangeErrorKind): boolean {
  switch (kind) {
    case 'TEMPORARY':
    case 'RATE_LIMITED':
    case 'UNKNOWN_OUTCOME':
      return true;
    case 'INSUFFICIENT_FUNDS':
    case 'INVALID_ORDER':
    case 'INVALID_SYMBOL':
    case 'NOT_FOUND':
    case 'AUTH':
    case 'FATAL':
      return false;
    default:
      return assertNever(kind, 'exchange error kind');
  }
}
