import { ExchangeError, isDefinitiveRejection, isExchangeError } from '../port/exchange-error.js';
import type { ExchangePort } from '../port/exchange-port.js';
import type { CreateOrderRequest, ExchangeOrder } from '../port/order.js';
import { type BackoffOptions, backoffDelay } from './jittered-backoff.js';

/** How hard createOrderSafely tries before leaving an order's outcome unknown. */
export interface CreateOrderSafelyOptions {
  /** Sends at most, all with the request's client order id (default 2: the first and one re-send). */
  readonly maxSends?: number;
  /** Lookups by client order id after each unknown outcome (default 3). */
  readonly maxLookups?: number;
  /** Wait before each lookup (default 1 s doubling to 10 s, 30 % jitter). */
  readonly backoff?: BackoffOptions;
  /** How to wait (default a real timer). */
  readonly wait?: (milliseconds: number) => Promise<void>;
}

/** How a create ended: the order, and how it was learned. */
export interface SafeCreateResult {
  readonly order: ExchangeOrder;
  /** `answer`: the venue's reply; `lookup`: found by client order id after an unknown outcome. */
  readonly resolvedBy: 'answer' | 'lookup';
  readonly sends: number;
  readonly lookups: number;
  /**
   * How the venue's order differs from the request (side, amount, price, type). Non-empty when the
   * client order id was already used: the venue returns that order instead (docs/exchange-notes.md, ccxt 2).
   */
  readonly differences: readonly string[];
}

const defaultLookupBackoff: BackoffOptions = { initialMs: 1_000, maxMs: 10_000, jitter: 0.3 };

/**
 * Places an order without ever placing it twice (an unknown outcome is not a rejection: resolve it by lookup, never by sending again).
 * A definitive refusal is thrown at once. Any other failure (timeout, 5xx, dropped connection, 429)
 * is resolved by looking the client order id up: found means placed. Only when the venue says it
 * has no such order is the request sent again, with the same client order id, so a first attempt
 * that arrives late is de-duplicated by the venue (docs/exchange-notes.md, ccxt 2). When the lookups
 * themselves keep failing, UNKNOWN_OUTCOME is thrown and reconciliation takes over.
 */
export async function createOrderSafely(
  exchange: ExchangePort,
  request: CreateOrderRequest,
  options: CreateOrderSafelyOptions = {},
): Promise<SafeCreateResult> {
  const maxSends = options.maxSends ?? 2;
  const wait = options.wait ?? ((milliseconds) => new Promise((done) => setTimeout(done, milliseconds)));
  let lookups = 0;
  let lastError: unknown;
  for (let sends = 1; sends <= maxSends; sends += 1) {
    try {
      const order = await exchange.createOrder(request);
      return { order, resolvedBy: 'answer', sends, lookups, differences: differences(order, request) };
    } catch (error) {
      if (!isExchangeError(error) || isDefinitiveRejection(error.kind)) throw error;
      lastError = error;
    }
    const found = await lookUp(exchange, request, options, wait);
    lookups += found.lookups;
    if (found.order !== undefined) {
      return {
        order: found.order,
        resolvedBy: 'lookup',
        sends,
        lookups,
        differences: differences(found.order, request),
      };
    }
    if (!found.absent) break;
  }
  throw new ExchangeError('UNKNOWN_OUTCOME', 'the order could not be confirmed or ruled out', {
    context: {
      operation: 'createOrder',
      exchange: exchange.name,
      clientOrderId: request.clientOrderId,
      symbol: request.symbol,
      side: request.side,
    },
    cause: lastError,
  });
}

async function lookUp(
  exchange: ExchangePort,
  request: CreateOrderRequest,
  options: CreateOrderSafelyOptions,
  wait: (milliseconds: number) => Promise<void>,
): Promise<{ order?: ExchangeOrder; absent: boolean; lookups: number }> {
  const maxLookups = options.maxLookups ?? 3;
  for (let attempt = 0; attempt < maxLookups; attempt += 1) {
    await wait(backoffDelay(options.backoff ?? defaultLookupBackoff, attempt));
    try {
      const order = await exchange.fetchOrder({
        clientOrderId: request.clientOrderId,
        symbol: request.symbol,
      });
      return { order, absent: false, lookups: attempt + 1 };
    } catch (error) {
      if (isExchangeError(error, 'NOT_FOUND')) return { absent: true, lookups: attempt + 1 };
      if (isExchangeError(error) && isDefinitiveRejection(error.kind)) throw error;
    }
  }
  return { absent: false, lookups: maxLookups };
}

/** What in the venue's order is not what the request asked for (empty when it matches). */
export function differences(order: ExchangeOrder, request: CreateOrderRequest): string[] {
  const found: string[] = [];
  if (order.side !== request.side) found.push(`side ${order.side} instead of ${request.side}`);
  // A market buy may come back as an IOC limit (Coinbase sizes market buys in quote).
  if (request.type === 'LIMIT' && order.type !== 'LIMIT') found.push(`type ${order.type} instead of LIMIT`);
  if (!order.amount.equals(request.amount)) found.push(`amount ${order.amount} instead of ${request.amount}`);
  if (request.type === 'LIMIT' && order.price?.equals(request.price) !== true) {
    found.push(`price ${String(order.price)} instead of ${request.price}`);
  }
  return found;
}
