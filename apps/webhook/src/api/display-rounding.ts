// What people read: decimals in /api answers rounded to the market's precision (docs/architecture.md
// "Decimals in answers"). The database keeps every digit, and `?exact=true` answers with them.
import { type DisplayPrecision, dec, displayDecimal, forMarket, MONEY_STEP } from '@hookline/core';
import type { ExchangePort, Market } from '@hookline/exchange';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Which precision each decimal field of a row is shown at; fields not named here keep every digit. */
export const DISPLAY_FIELDS: Readonly<Record<string, keyof DisplayPrecision | 'fee'>> = {
  price: 'price',
  bid: 'price',
  average_cost: 'price',
  avg_fill_price: 'price',
  average_price: 'price',
  reference_price: 'price',
  size: 'amount',
  filled_size: 'amount',
  target_amount: 'amount',
  filled_amount: 'amount',
  cost_basis_usd: 'money',
  market_value_usd: 'money',
  unrealized_pnl_usd: 'money',
  realized_pnl_usd: 'money',
  pnl_usd: 'money',
  total_fees_usd: 'money',
  fees_usd: 'money',
  fee_usd: 'money',
  unrealized_pnl_pct: 'percent',
  fee: 'fee',
};

/** A fee is in whatever currency the venue charged (base or quote): shown to 8 decimals. */
const FEE_STEP = dec('0.00000001');

/** A symbol whose market is not known (delisted, venue unreachable): 8 decimals for price and amount. */
export const FALLBACK_PRECISION: DisplayPrecision = {
  price: FEE_STEP,
  amount: FEE_STEP,
  money: MONEY_STEP,
  percent: MONEY_STEP,
};

/**
 * The answer with the decimal fields of every row that names a `symbol` rounded for that market
 * (precisionOf), at any depth (`items[]`, nested rows). Other values, and rows without a symbol (risk
 * settings, matrix), are left as they are. Pure: the answer given is not changed.
 */
export function roundForDisplay(answer: unknown, precisionOf: (symbol: string) => DisplayPrecision): unknown {
  if (Array.isArray(answer)) return answer.map((item) => roundForDisplay(item, precisionOf));
  if (answer === null || typeof answer !== 'object' || answer instanceof Date) return answer;
  const row = answer as Record<string, unknown>;
  const precision = typeof row.symbol === 'string' ? precisionOf(row.symbol) : undefined;
  const rounded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const kind = DISPLAY_FIELDS[key];
    if (precision !== undefined && kind !== undefined && typeof value === 'string' && isDecimalText(value)) {
      rounded[key] = displayDecimal(value, kind === 'fee' ? FEE_STEP : precision[kind]);
    } else {
      rounded[key] = roundForDisplay(value, precisionOf);
    }
  }
  return rounded;
}

function isDecimalText(text: string): boolean {
  return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text);
}

/** True when the request asks for every digit: `?exact=true` (or `exact=1`). */
export function wantsExact(request: Pick<FastifyRequest, 'url'>): boolean {
  const start = request.url.indexOf('?');
  if (start < 0) return false;
  const exact = new URLSearchParams(request.url.slice(start + 1)).get('exact');
  return exact === 'true' || exact === '1';
}

/** Markets are read at most once per this long for display (listings and increments change rarely). */
const MARKETS_TTL_MS = 10 * 60_000;

/**
 * Rounds the read answers of this scope for display unless `?exact=true`. The markets come from the
 * exchange (cached); when they cannot be read, FALLBACK_PRECISION applies.
 */
export function registerDisplayRounding(
  app: FastifyInstance,
  exchange: Pick<ExchangePort, 'fetchMarkets'>,
  now: () => number = Date.now,
): void {
  let cache: { readonly at: number; readonly markets: ReadonlyMap<string, Market> } | undefined;
  const markets = async (): Promise<ReadonlyMap<string, Market>> => {
    if (cache !== undefined && now() - cache.at < MARKETS_TTL_MS) return cache.markets;
    const list = await exchange.fetchMarkets().catch(() => undefined);
    if (list === undefined) return cache?.markets ?? new Map();
    cache = { at: now(), markets: new Map(list.map((market) => [market.symbol, market])) };
    return cache.markets;
  };
  app.addHook('preSerialization', async (request, _reply, payload) => {
    if (wantsExact(request)) return payload;
    const known = await markets();
    return roundForDisplay(payload, (symbol) => {
      const market = known.get(symbol);
      return market === undefined ? FALLBACK_PRECISION : forMarket(market);
    });
  });
}
