// The dashboard's charts: realised P&L over time (GET /api/charts/equity) and a symbol's candles with
// its entries, exits and stop levels (GET /api/charts/candles). Times are UNIX seconds, as charting
// libraries take them; prices stay decimal strings.
import { toPlainString, ZERO } from '@hookline/core';
import { candleTimeframes } from '@hookline/exchange';
import { listOrders, readDailyRealizedPnl } from '@hookline/store';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiOptions, DashboardSources } from './api-options.js';
import { readLivePositions } from './live-positions.js';

const seconds = (time: Date) => Math.floor(time.getTime() / 1000);

/** Registers GET /api/charts/equity and GET /api/charts/candles. */
export function registerChartRoutes(
  app: FastifyInstance,
  options: ApiOptions,
  sources: DashboardSources,
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/charts/equity',
    {
      schema: {
        summary: 'Cumulative realised P&L (FIFO, after fees) at the end of each UTC day with sales',
        tags: ['read'],
        response: {
          200: z.object({ points: z.array(z.object({ time: z.number(), realized_pnl_usd: z.string() })) }),
        },
      },
    },
    async () => {
      let running = ZERO;
      const days = await readDailyRealizedPnl(options.store, options.account);
      return {
        points: days.map((day) => {
          running = running.plus(day.pnl);
          return { time: seconds(day.day), realized_pnl_usd: toPlainString(running.toDecimalPlaces(8)) };
        }),
      };
    },
  );
  typed.get(
    '/api/charts/candles',
    {
      schema: {
        summary:
          "A symbol's candles from the exchange, with its filled orders as markers and its stop levels",
        tags: ['read'],
        querystring: z.object({
          symbol: z.string().min(1),
          timeframe: z.enum(candleTimeframes).default('1h'),
          limit: z.coerce.number().int().min(10).max(1000).default(300),
        }),
        response: {
          200: z.object({
            candles: z.array(
              z.object({
                time: z.number(),
                open: z.string(),
                high: z.string(),
                low: z.string(),
                close: z.string(),
              }),
            ),
            markers: z.array(
              z.object({
                time: z.number(),
                kind: z.enum(['entry', 'exit']),
                price: z.string(),
                text: z.string(),
              }),
            ),
            stops: z.array(z.object({ kind: z.enum(['hard', 'soft', 'trailing']), price: z.string() })),
          }),
        },
      },
    },
    async ({ query }) => {
      const [candles, orders, positions] = await Promise.all([
        options.exchange.fetchCandles(query.symbol, query.timeframe, { limit: query.limit }),
        listOrders(options.store, { account: options.account, symbol: query.symbol, limit: 500 }),
        readLivePositions({ ...options, ...sources }, options.account, query.symbol),
      ]);
      const first = candles[0]?.openTime.getTime() ?? Number.POSITIVE_INFINITY;
      const markers = orders
        .filter((order) => order.filledSize.greaterThan(0) && order.avgFillPrice !== null)
        .filter((order) => order.updatedAt.getTime() >= first)
        .map((order) => ({
          time: seconds(order.updatedAt),
          kind: order.side === 'buy' ? ('entry' as const) : ('exit' as const),
          price: order.avgFillPrice?.toFixed() ?? '0',
          text: order.side === 'buy' ? 'BUY' : `SELL ${order.exitReason ?? ''}`.trim(),
        }))
        .sort((a, b) => a.time - b.time);
      const position = positions[0];
      const stops = [
        { kind: 'hard' as const, price: position?.hard_stop_price ?? null },
        { kind: 'soft' as const, price: position?.soft_stop_price ?? null },
        { kind: 'trailing' as const, price: position?.trailing_stop_price ?? null },
      ].flatMap((stop) => (stop.price === null ? [] : [{ kind: stop.kind, price: stop.price }]));
      return {
        candles: candles.map((candle) => ({
          time: seconds(candle.openTime),
          open: candle.open.toFixed(),
          high: candle.high.toFixed(),
          low: candle.low.toFixed(),
          close: candle.close.toFixed(),
        })),
        markers,
        stops,
      };
    },
  );
}
