// GET /api/matrix: sighook's latest matrix row per symbol from Redis, with the same freshness rule
// every reader applies (a row older than HOOKLINE_MATRIX_MAX_AGE_MS is refused and named, never shown
// as if it were current).
import type { Clock } from '@hookline/core';
import { readLatestMatrixRows } from '@hookline/runtime';
import { matrixRowSchema } from '@hookline/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/** Where the matrix is read from. */
export interface MatrixRouteOptions {
  readonly redis: Redis;
  /** Redis key prefix of the rows (default `hookline`). */
  readonly prefix?: string;
  /** The symbols shown when the request names none (HOOKLINE_SIGHOOK_SYMBOLS). */
  readonly symbols: readonly string[];
  readonly maxAgeMs: number;
  readonly clock: Clock;
}

const querySchema = z
  .object({
    symbols: z
      .string()
      .optional()
      .describe('Comma-separated symbols, e.g. BTC/USD,ETH/USD (default: the sighook universe)'),
  })
  .strict();

const responseSchema = z.object({
  rows: z.array(matrixRowSchema),
  refused: z.array(
    z.object({ symbol: z.string(), refusal: z.enum(['MISSING', 'MALFORMED', 'STALE']), detail: z.string() }),
  ),
  max_age_ms: z.number(),
});

/** Registers GET /api/matrix. */
export function registerMatrixRoutes(app: FastifyInstance, options: MatrixRouteOptions): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/matrix',
    {
      schema: {
        summary: "sighook's latest fresh matrix row per symbol; missing, malformed and stale rows are named",
        tags: ['read'],
        querystring: querySchema,
        response: { 200: responseSchema },
      },
    },
    async ({ query }) => {
      const symbols =
        query.symbols === undefined
          ? options.symbols
          : query.symbols
              .split(',')
              .map((symbol) => symbol.trim())
              .filter((symbol) => symbol !== '');
      const latest = await readLatestMatrixRows(options.redis, symbols, {
        nowMs: options.clock.nowMs(),
        maxAgeMs: options.maxAgeMs,
        ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
      });
      const rows: z.output<typeof responseSchema>['rows'] = [];
      const refused: z.output<typeof responseSchema>['refused'] = [];
      for (const [symbol, result] of latest) {
        if (result.ok) rows.push(result.row);
        else refused.push({ symbol, refusal: result.refusal, detail: result.detail });
      }
      return { rows, refused, max_age_ms: options.maxAgeMs } satisfies z.output<typeof responseSchema>;
    },
  );
}
