import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One candle as Coinbase Advanced Trade sends it: every value a string, `start` in Unix seconds. */
export interface WireCandle {
  readonly start: string;
  readonly low: string;
  readonly high: string;
  readonly open: string;
  readonly close: string;
  readonly volume: string;
}

/** A local Coinbase Advanced Trade public market data REST: products and candles only. */
export interface CandleServer {
  readonly restUrl: string;
  /** Candles by product id (`BTC-USD`), any order; tests add and remove candles between runs. */
  readonly candles: Map<string, WireCandle[]>;
  /** Every candles request's query (start, end in seconds, granularity) and when it came (ms). */
  readonly requests: Array<{
    product: string;
    start: number;
    end: number;
    granularity: string;
    atMs: number;
  }>;
  /** Candle requests (1-based) answered with a 500 instead. */
  readonly failing: Set<number>;
  close(): Promise<void>;
}

const GRANULARITY_SECONDS: Record<string, number> = { ONE_MINUTE: 60, ONE_HOUR: 3_600, ONE_DAY: 86_400 };

/**
 * `GET /api/v3/brokerage/market/products` and `.../market/products/{id}/candles?start&end&granularity`:
 * candles with start ≤ time ≤ end, newest first as the venue sends them, at most 350 (Coinbase refuses
 * larger windows with a 400).
 */
export async function startCandleServer(products: readonly string[]): Promise<CandleServer> {
  const candles = new Map<string, WireCandle[]>(products.map((id) => [id, []]));
  const requests: CandleServer['requests'] = [];
  const failing = new Set<number>();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/api/v3/brokerage/market/products') {
      send(200, { products: products.map(productJson), num_products: products.length });
      return;
    }
    const match = /^\/api\/v3\/brokerage\/market\/products\/([^/]+)\/candles$/.exec(url.pathname);
    const series = match?.[1] === undefined ? undefined : candles.get(match[1]);
    if (match?.[1] === undefined || series === undefined) {
      send(404, { error: 'NOT_FOUND', message: `no route ${url.pathname}` });
      return;
    }
    const start = Number(url.searchParams.get('start'));
    const end = Number(url.searchParams.get('end'));
    const granularity = url.searchParams.get('granularity') ?? '';
    requests.push({ product: match[1], start, end, granularity, atMs: performance.now() });
    if (failing.has(requests.length)) {
      send(500, { error: 'INTERNAL', message: 'internal error' });
      return;
    }
    const step = GRANULARITY_SECONDS[granularity];
    if (step === undefined || (end - start) / step > 350) {
      send(400, { error: 'INVALID_ARGUMENT', message: 'bad granularity or too many candles' });
      return;
    }
    const inRange = series
      .filter((candle) => Number(candle.start) >= start && Number(candle.start) <= end)
      .sort((a, b) => Number(b.start) - Number(a.start));
    send(200, { candles: inRange });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    restUrl: `http://127.0.0.1:${port}`,
    candles,
    requests,
    failing,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Hourly candles from `fromSec`, values derived from the index so every candle is distinct. */
export function hourlyCandles(fromSec: number, count: number): WireCandle[] {
  return Array.from({ length: count }, (_, index) => {
    const base = 100 + index;
    return {
      start: String(fromSec + index * 3_600),
      low: `${base - 1}.5`,
      high: `${base + 1}.25`,
      open: `${base}`,
      close: `${base}.75`,
      volume: `${index}.125`,
    };
  });
}

function productJson(id: string): Record<string, unknown> {
  const [base = '', quote = ''] = id.split('-');
  return {
    product_id: id,
    price: '100',
    base_increment: '0.00000001',
    quote_increment: '0.01',
    price_increment: '0.01',
    base_min_size: '0.00000001',
    base_max_size: '10000',
    quote_min_size: '1',
    quote_max_size: '100000000',
    base_currency_id: base,
    quote_currency_id: quote,
    base_display_symbol: base,
    quote_display_symbol: quote,
    status: 'online',
    trading_disabled: false,
    cancel_only: false,
    limit_only: false,
    post_only: false,
    is_disabled: false,
    product_type: 'SPOT',
    alias: '',
    alias_to: [],
  };
}
