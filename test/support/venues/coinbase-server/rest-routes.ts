import type { CandleTimeframe, ExchangeOperation } from '@hookline/exchange';
import type { PaperVenue } from './paper-venue.js';
import { cancelOrders, createOrder, getOrder, listOrders, paged, type RestAnswer } from './rest-orders.js';
import { accountJson, candleJson, fillJson, pricebookJson, productJson } from './wire-format.js';

/** A parsed REST request. */
export interface RestRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Readonly<Record<string, unknown>>;
}

/** What a route is: the port operation it serves (for faults and records) and whether it needs a JWT. */
export interface RouteInfo {
  readonly operation: ExchangeOperation;
  readonly private: boolean;
}

const prefix = '/api/v3/brokerage';
const granularities: Readonly<Record<string, CandleTimeframe>> = {
  ONE_MINUTE: '1m',
  FIVE_MINUTE: '5m',
  FIFTEEN_MINUTE: '15m',
  THIRTY_MINUTE: '30m',
  ONE_HOUR: '1h',
  TWO_HOUR: '2h',
  SIX_HOUR: '6h',
  ONE_DAY: '1d',
};

/** The route of a request, or undefined for a path the venue does not serve (404). */
export function routeOf(method: string, path: string, query: URLSearchParams): RouteInfo | undefined {
  const route = (operation: ExchangeOperation, isPrivate = true): RouteInfo => ({
    operation,
    private: isPrivate,
  });
  if (!path.startsWith(prefix)) return undefined;
  const rest = path.slice(prefix.length);
  if (method === 'POST' && rest === '/orders') return route('createOrder');
  if (method === 'POST' && rest === '/orders/batch_cancel') return route('cancelOrder');
  if (method !== 'GET') return undefined;
  if (rest === '/market/products') return route('fetchMarkets', false);
  if (rest === '/products') return route('fetchMarkets');
  if (rest === '/accounts') return route('fetchBalances');
  if (rest === '/best_bid_ask') return route('fetchTicker');
  if (/^\/market\/products\/[^/]+\/candles$/.test(rest)) return route('fetchCandles', false);
  if (/^\/products\/[^/]+\/candles$/.test(rest)) return route('fetchCandles');
  if (rest === '/orders/historical/fills') return route('fetchFillsSince');
  if (rest === '/orders/historical/batch') {
    return route(query.getAll('order_status').includes('OPEN') ? 'fetchOpenOrders' : 'fetchOrder');
  }
  if (/^\/orders\/historical\/[^/]+$/.test(rest)) return route('fetchOrder');
  return undefined;
}

/** Answers a routed request from the venue's state. */
export async function answer(venue: PaperVenue, request: RestRequest): Promise<RestAnswer> {
  const rest = request.path.slice(prefix.length);
  const { query } = request;
  if (request.method === 'POST') {
    return rest === '/orders' ? createOrder(venue, request.body) : cancelOrders(venue, request.body);
  }
  if (rest.endsWith('/products')) {
    const products = venue.markets.map((market) =>
      productJson(market, venue.tickers.get(market.symbol)?.bid),
    );
    return { status: 200, body: { products, num_products: products.length } };
  }
  if (rest === '/accounts') {
    const balances = Object.values(await venue.paper.fetchBalances());
    return {
      status: 200,
      body: { accounts: balances.map(accountJson), has_next: false, cursor: '', size: balances.length },
    };
  }
  if (rest === '/best_bid_ask') {
    const pricebooks = query.getAll('product_ids').flatMap((id) => {
      const market = venue.market(id);
      const ticker = market === undefined ? undefined : venue.tickers.get(market.symbol);
      return market === undefined || ticker === undefined ? [] : [pricebookJson(market, ticker)];
    });
    return { status: 200, body: { pricebooks } };
  }
  if (rest.endsWith('/candles')) return candles(venue, rest.split('/').at(-2) ?? '', query);
  if (rest === '/orders/historical/fills') return fills(venue, query);
  if (rest === '/orders/historical/batch') return listOrders(venue, query);
  return getOrder(venue, decodeURIComponent(rest.slice('/orders/historical/'.length)));
}

async function candles(venue: PaperVenue, productId: string, query: URLSearchParams): Promise<RestAnswer> {
  const market = venue.market(productId);
  const timeframe = granularities[query.get('granularity') ?? 'ONE_MINUTE'];
  if (market === undefined || timeframe === undefined) {
    return { status: 400, body: { error: 'INVALID_ARGUMENT', message: 'unknown product or granularity' } };
  }
  const start = Number(query.get('start') ?? '0') * 1_000;
  const end = Number(query.get('end') ?? String(Number.MAX_SAFE_INTEGER / 1_000)) * 1_000;
  const rows = await venue.paper.fetchCandles(market.symbol, timeframe, {
    since: new Date(start),
    limit: 300,
  });
  const inWindow = rows.filter((candle) => candle.openTime.getTime() < end).reverse();
  return { status: 200, body: { candles: inWindow.map(candleJson) } };
}

function fills(venue: PaperVenue, query: URLSearchParams): RestAnswer {
  const orderIds = [...query.getAll('order_ids'), ...query.getAll('order_id')];
  const products = [...query.getAll('product_ids'), ...query.getAll('product_id')];
  const start = query.get('start_sequence_timestamp');
  const matching = [...venue.fills]
    .reverse()
    .filter((fill) => orderIds.length === 0 || orderIds.includes(fill.orderId))
    .filter((fill) => products.length === 0 || products.includes(fill.symbol.replace('/', '-')))
    .filter((fill) => start === null || fill.executedAt.getTime() >= Date.parse(start))
    .map(fillJson);
  const { page, cursor } = paged(matching, query);
  return { status: 200, body: { fills: page, cursor } };
}
