import { dec, quantizeDown } from '@hookline/core';
import { type CreateOrderRequest, isExchangeError } from '@hookline/exchange';
import type { PaperVenue } from './paper-venue.js';
import { orderJson } from './wire-format.js';

/** An answer of the REST server. */
export interface RestAnswer {
  readonly status: number;
  readonly body: unknown;
}

const json = (body: unknown, status = 200): RestAnswer => ({ status, body });

type Body = Readonly<Record<string, unknown>>;

// A failed create is HTTP 200 with success:false and an error_response (docs/exchange-notes.md, ccxt 3).
function rejected(error: string, message: string, configuration: unknown, preview?: string): RestAnswer {
  return json({
    success: false,
    failure_reason: 'UNKNOWN_FAILURE_REASON',
    order_id: '',
    error_response: {
      error,
      message,
      error_details: message,
      new_order_failure_reason: error,
      ...(preview === undefined ? {} : { preview_failure_reason: preview }),
    },
    order_configuration: configuration,
  });
}

// The paper engine's refusal, in Coinbase's enums.
function refusal(error: unknown, configuration: unknown): RestAnswer {
  if (!isExchangeError(error)) throw error;
  const text = error.message;
  if (error.kind === 'INSUFFICIENT_FUNDS')
    return rejected(
      'INSUFFICIENT_FUND',
      'Insufficient balance in source account',
      configuration,
      'PREVIEW_INSUFFICIENT_FUND',
    );
  if (error.kind === 'INVALID_SYMBOL')
    return rejected('INVALID_PRODUCT_ID', 'unknown product', configuration);
  if (/post-only/.test(text))
    return rejected('INVALID_LIMIT_PRICE_POST_ONLY', 'post only order would cross', configuration);
  if (/price tick/.test(text)) return rejected('INVALID_PRICE_PRECISION', 'price precision', configuration);
  if (/amount step/.test(text)) return rejected('INVALID_SIZE_PRECISION', 'size precision', configuration);
  if (/minimum size/.test(text))
    return rejected(
      'UNKNOWN_FAILURE_REASON',
      'too small',
      configuration,
      'PREVIEW_INVALID_BASE_SIZE_TOO_SMALL',
    );
  if (/minimum notional/.test(text))
    return rejected(
      'UNKNOWN_FAILURE_REASON',
      'too small',
      configuration,
      'PREVIEW_INVALID_QUOTE_SIZE_TOO_SMALL',
    );
  return rejected('UNKNOWN_FAILURE_REASON', text, configuration);
}

async function paperRequest(venue: PaperVenue, body: Body): Promise<CreateOrderRequest | string> {
  const market = venue.market(String(body.product_id));
  if (market === undefined) return 'INVALID_PRODUCT_ID';
  const side = body.side === 'SELL' ? 'sell' : 'buy';
  const base = { clientOrderId: String(body.client_order_id ?? ''), symbol: market.symbol, side } as const;
  const configuration = (body.order_configuration ?? {}) as Record<
    string,
    Record<string, unknown> | undefined
  >;
  const gtc = configuration.limit_limit_gtc;
  if (gtc !== undefined) {
    const price = dec(String(gtc.limit_price));
    return {
      ...base,
      type: 'LIMIT',
      amount: dec(String(gtc.base_size)),
      price,
      postOnly: gtc.post_only === true,
    };
  }
  const ioc = configuration.sor_limit_ioc;
  if (ioc !== undefined) {
    return {
      ...base,
      type: 'LIMIT',
      timeInForce: 'IOC',
      amount: dec(String(ioc.base_size)),
      price: dec(String(ioc.limit_price)),
    };
  }
  const marketIoc = configuration.market_market_ioc;
  if (marketIoc?.base_size !== undefined)
    return { ...base, type: 'MARKET', amount: dec(String(marketIoc.base_size)) };
  if (marketIoc?.quote_size !== undefined) {
    // A buy sized in quote: what the quote buys at the ask, on the step.
    const ask = (await venue.paper.fetchTicker(market.symbol)).ask;
    const amount = quantizeDown(dec(String(marketIoc.quote_size)).dividedBy(ask), market.amountStep);
    return { ...base, type: 'MARKET', amount };
  }
  return 'UNSUPPORTED_ORDER_CONFIGURATION';
}

/**
 * `POST /api/v3/brokerage/orders`: a repeated client_order_id returns the existing order
 * (docs/exchange-notes.md, ccxt 2).
 */
export async function createOrder(venue: PaperVenue, body: Body): Promise<RestAnswer> {
  const configuration = body.order_configuration;
  const request = await paperRequest(venue, body);
  if (typeof request === 'string') return rejected(request, request.toLowerCase(), configuration);
  try {
    const order = await venue.paper.createOrder(request);
    return json({
      success: true,
      failure_reason: 'UNKNOWN_FAILURE_REASON',
      order_id: order.id,
      success_response: {
        order_id: order.id,
        product_id: body.product_id,
        side: body.side,
        client_order_id: order.clientOrderId,
      },
      order_configuration: configuration,
    });
  } catch (error) {
    return refusal(error, configuration);
  }
}

/** `POST /api/v3/brokerage/orders/batch_cancel`. */
export async function cancelOrders(venue: PaperVenue, body: Body): Promise<RestAnswer> {
  const ids = Array.isArray(body.order_ids) ? body.order_ids.map(String) : [];
  const results = [];
  for (const orderId of ids) {
    try {
      const order = await venue.paper.cancelOrder({ orderId });
      const success = order.status === 'CANCELED';
      results.push({
        success,
        failure_reason: success ? 'UNKNOWN_CANCEL_FAILURE_REASON' : 'INVALID_CANCEL_REQUEST',
        order_id: orderId,
      });
    } catch {
      results.push({ success: false, failure_reason: 'UNKNOWN_CANCEL_ORDER', order_id: orderId });
    }
  }
  return json({ results });
}

/** `GET /api/v3/brokerage/orders/historical/{order_id}`: 404 with Coinbase's body when unknown. */
export function getOrder(venue: PaperVenue, orderId: string): RestAnswer {
  const order = venue.orders.get(orderId);
  if (order === undefined) {
    const text = 'order with this orderID was not found';
    return json({ error: 'NOT_FOUND', error_details: text, message: text }, 404);
  }
  return json({ order: orderJson(order, venue.fillCount(order.id)) });
}

/** `GET /api/v3/brokerage/orders/historical/batch`: newest first, filtered, paged by cursor. */
export function listOrders(venue: PaperVenue, query: URLSearchParams): RestAnswer {
  const statuses = query.getAll('order_status');
  const products = query.getAll('product_ids');
  const since = query.get('start_date');
  const orders = [...venue.orders.values()]
    .reverse()
    .map((order) => orderJson(order, venue.fillCount(order.id)))
    .filter((order) => statuses.length === 0 || statuses.includes(String(order.status)))
    .filter((order) => products.length === 0 || products.includes(String(order.product_id)))
    .filter((order) => since === null || Date.parse(String(order.created_time)) >= Date.parse(since));
  const { page, cursor } = paged(orders, query);
  return json({ orders: page, sequence: '0', has_next: cursor !== '', cursor });
}

/** Slices a newest-first list by `limit` and an offset `cursor`. */
export function paged<Item>(
  items: readonly Item[],
  query: URLSearchParams,
): { page: Item[]; cursor: string } {
  const offset = Number(query.get('cursor') ?? '0') || 0;
  const limit = Number(query.get('limit') ?? '100') || 100;
  const page = items.slice(offset, offset + limit);
  return { page, cursor: offset + limit < items.length ? String(offset + limit) : '' };
}
