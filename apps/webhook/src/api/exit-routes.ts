// GET /api/exits ("what did this exit do?" is one row: what asked for it, why, at what price, how it
// ended, and what its orders and fills add up to, with the realised P&L of the ledger's FIFO
// allocations) and GET /api/exits/:id with its orders and fills. Newest first, paged by id.
import { reasonCodeCatalog } from '@hookline/core';
import { type ExitDetail, type ExitView, listExits, readExit } from '@hookline/store';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiOptions } from './api-options.js';
import { decimalSchema, page, pageQuery, pageSchema, timeSchema, timeText } from './api-values.js';
import { fillItem, fillSchema, orderItem, orderSchema } from './order-routes.js';

const exitReasons = Object.keys(reasonCodeCatalog.exit) as [
  keyof typeof reasonCodeCatalog.exit,
  ...(keyof typeof reasonCodeCatalog.exit)[],
];
const exitOutcomes = ['WORKING', 'SOLD', 'DUST', 'NOTHING_AVAILABLE', 'LADDER_EXHAUSTED'] as const;

export const exitSchema = z.object({
  id: z.string().describe('the exit decision id (GET /api/decisions)'),
  account: z.string(),
  symbol: z.string(),
  trigger: z.enum(['SENTINEL', 'CAP', 'OPERATOR', 'ALERT']),
  exit_reason: z.enum(exitReasons),
  rule_inputs: z.unknown().describe('the inputs of the rule (or the request) that asked for the exit'),
  reference_price: decimalSchema.nullable().describe('the bid when the exit started'),
  target_amount: decimalSchema.describe('what the exit set out to sell'),
  outcome: z.string().describe('WORKING until over, then SOLD, DUST, NOTHING_AVAILABLE or LADDER_EXHAUSTED'),
  detail: z.string().nullable(),
  started_at: timeSchema,
  finished_at: timeSchema.nullable(),
  orders: z.number().int(),
  filled_amount: decimalSchema,
  average_price: decimalSchema.nullable().describe('volume-weighted over its fills; null while none'),
  fees_usd: decimalSchema,
  realized_pnl_usd: decimalSchema.describe("Σ pnl_usd of its fills' FIFO allocations"),
});

const exitDetailSchema = exitSchema.extend({
  order_rows: z.array(orderSchema),
  fills: z.array(fillSchema),
});

const notFoundSchema = z.object({ error: z.string() });

/** Registers GET /api/exits and GET /api/exits/:id. */
export function registerExitRoutes(app: FastifyInstance, options: ApiOptions): void {
  const { store } = options;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/exits',
    {
      schema: {
        summary: 'Exits with what their orders and fills add up to, newest first',
        tags: ['read'],
        querystring: pageQuery.extend({
          account: z.string().optional().describe("the account (default: this process's trading account)"),
          symbol: z.string().optional(),
          reason: z.enum(exitReasons).optional().describe('exit reason, e.g. HARD_STOP'),
          outcome: z.enum(exitOutcomes).optional(),
        }),
        response: { 200: pageSchema(exitSchema) },
      },
    },
    async ({ query }) => {
      const rows = await listExits(store, {
        account: query.account ?? options.account,
        symbol: query.symbol,
        exitReason: query.reason,
        outcome: query.outcome,
        before: query.before,
        limit: query.limit,
      });
      return page(rows, query.limit, (row) => row.id, exitItem);
    },
  );
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/exits/:id',
    {
      schema: {
        summary: 'One exit with its orders and fills',
        tags: ['read'],
        params: z.object({ id: z.string().min(1) }),
        response: { 200: exitDetailSchema, 404: notFoundSchema },
      },
    },
    async ({ params }, reply) => {
      const exit = await readExit(store, params.id);
      if (exit === undefined) return await reply.code(404).send({ error: `no exit with id ${params.id}` });
      return exitDetailItem(exit);
    },
  );
}

export function exitItem(row: ExitView): z.output<typeof exitSchema> {
  return {
    id: row.id,
    account: row.account,
    symbol: row.symbol,
    trigger: row.trigger,
    exit_reason: row.exitReason,
    rule_inputs: row.ruleInputs,
    reference_price: row.referencePrice,
    target_amount: row.targetAmount,
    outcome: row.outcome,
    detail: row.detail,
    started_at: timeText(row.startedAt),
    finished_at: timeText(row.finishedAt),
    orders: row.orders,
    filled_amount: row.filledAmount,
    average_price: row.averagePrice,
    fees_usd: row.feesUsd,
    realized_pnl_usd: row.realizedPnlUsd,
  };
}

function exitDetailItem(exit: ExitDetail): z.output<typeof exitDetailSchema> {
  return {
    ...exitItem(exit),
    order_rows: exit.orderRows.map(orderItem),
    fills: exit.fills.map(fillItem),
  };
}
