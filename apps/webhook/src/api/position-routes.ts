// GET /api/positions: the open positions (readOpenPositions of the store) per account and symbol, valued at
// the exchange's current bid with the price's age.
import { readOpenPositions } from '@hookline/store';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiOptions } from './api-options.js';
import { decimalSchema, timeSchema } from './api-values.js';
import { lotSumOf, valuePosition } from './position-valuation.js';

export const positionSchema = z.object({
  account: z.string(),
  symbol: z.string(),
  size: decimalSchema,
  cost_basis_usd: decimalSchema.describe('what the open lots cost, buy fees included'),
  average_cost: decimalSchema.describe('cost per unit, buy fees included'),
  lots: z.number().int(),
  bid: decimalSchema.nullable(),
  price_time: timeSchema.nullable().describe('the older of the quote’s exchange and receive times'),
  price_age_ms: z.number().nullable(),
  price_stale: z.boolean().describe('true when the price is older than the market-data limit (15 s)'),
  price_unavailable: z.string().nullable().describe('why there is no price (no fallback price is used)'),
  market_value_usd: decimalSchema.nullable(),
  unrealized_pnl_usd: decimalSchema.nullable(),
  unrealized_pnl_pct: decimalSchema.nullable(),
});

/** Registers GET /api/positions. */
export function registerPositionRoutes(app: FastifyInstance, options: ApiOptions): void {
  const { store, exchange, clock, limits } = options;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/positions',
    {
      schema: {
        summary: 'Open positions with average cost, current bid, price age and unrealized P&L',
        tags: ['read'],
        querystring: z.object({
          account: z.string().optional().describe("the account (default: this process's trading account)"),
          symbol: z.string().optional(),
        }),
        response: { 200: z.object({ items: z.array(positionSchema), max_price_age_ms: z.number() }) },
      },
    },
    async ({ query }) => {
      const rows = await readOpenPositions(store, { ...query, account: query.account ?? options.account });
      const symbols = [...new Set(rows.map((row) => row.symbol))];
      const quotes = new Map(
        await Promise.all(
          symbols.map(async (symbol) => {
            const quote = await exchange
              .fetchTicker(symbol)
              .catch((error: unknown) => ({ unavailable: `no quote: ${String(error)}` }));
            return [symbol, quote] as const;
          }),
        ),
      );
      const now = clock.now();
      const items = rows.map((row) =>
        valuePosition(
          lotSumOf(row),
          quotes.get(row.symbol) ?? { unavailable: 'no quote' },
          now,
          limits.maxQuoteAgeMs,
        ),
      );
      return { items, max_price_age_ms: limits.maxQuoteAgeMs };
    },
  );
}
