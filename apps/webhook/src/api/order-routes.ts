// GET /api/orders (trade_records) and GET /api/fills: newest first, paged by id.
import { type FillRecord, listFills, listOrders, type OrderRecord, toDbSide } from '@hookline/store';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiOptions } from './api-options.js';
import {
  decimalSchema,
  decimalText,
  page,
  pageQuery,
  pageSchema,
  timeSchema,
  timeText,
} from './api-values.js';

const orderStatuses = [
  'NEW',
  'SUBMITTED',
  'OPEN',
  'PARTIALLY_FILLED',
  'FILLED',
  'PENDING_CANCEL',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
] as const;

export const orderSchema = z.object({
  id: z.string(),
  account: z.string(),
  exchange: z.string(),
  order_id: z.string().nullable(),
  client_order_id: z.string(),
  symbol: z.string(),
  side: z.enum(['BUY', 'SELL']),
  order_type: z.string(),
  status: z.enum(orderStatuses),
  status_reason: z.string().nullable(),
  price: decimalSchema.nullable(),
  size: decimalSchema,
  filled_size: decimalSchema,
  avg_fill_price: decimalSchema.nullable(),
  total_fees_usd: decimalSchema,
  trigger: z.string(),
  exit_reason: z
    .string()
    .nullable()
    .describe(
      'why the exit was taken: a sentinel rule (HARD_STOP, SOFT_STOP, TRAILING_STOP, TAKE_PROFIT, SIGNAL_EXIT, TTL), ' +
        "CAP_ENFORCEMENT, an operator's MANUAL or EMERGENCY, or a user's USER_SELL or USER_EXIT alert; null for entries",
    ),
  decision_id: z.string().nullable(),
  source: z.string(),
  pnl_usd: decimalSchema.nullable(),
  order_time: timeSchema,
  updated_at: timeSchema,
});

export const fillSchema = z.object({
  id: z.string(),
  account: z.string(),
  exchange: z.string(),
  trade_id: z.string(),
  order_id: z.string().nullable(),
  client_order_id: z.string().nullable(),
  symbol: z.string(),
  side: z.enum(['BUY', 'SELL']),
  price: decimalSchema,
  size: decimalSchema,
  fee: decimalSchema,
  fee_currency: z.string(),
  fee_usd: decimalSchema.nullable(),
  liquidity: z.string().nullable(),
  executed_at: timeSchema,
  received_at: timeSchema,
  ingest_via: z.string(),
});

/** Registers GET /api/orders and GET /api/fills. */
export function registerOrderRoutes(app: FastifyInstance, options: ApiOptions): void {
  const { store, account } = options;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/orders',
    {
      schema: {
        summary: 'Our orders (trade_records), newest first',
        tags: ['read'],
        querystring: pageQuery.extend({
          account: z.string().optional().describe("the account (default: this process's trading account)"),
          status: z.enum(orderStatuses).optional(),
          symbol: z.string().optional(),
        }),
        response: { 200: pageSchema(orderSchema) },
      },
    },
    async ({ query }) => {
      const rows = await listOrders(store, {
        account: query.account ?? account,
        status: query.status,
        symbol: query.symbol,
        before: query.before,
        limit: query.limit,
      });
      return page(rows, query.limit, (row) => row.id, orderItem);
    },
  );
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/fills',
    {
      schema: {
        summary: 'Exchange executions recorded in the ledger, newest first',
        tags: ['read'],
        querystring: pageQuery.extend({
          account: z.string().optional().describe("the account (default: this process's trading account)"),
          symbol: z.string().optional(),
          order_id: z.string().optional(),
        }),
        response: { 200: pageSchema(fillSchema) },
      },
    },
    async ({ query }) => {
      const rows = await listFills(store, {
        account: query.account ?? account,
        symbol: query.symbol,
        orderId: query.order_id,
        before: query.before,
        limit: query.limit,
      });
      return page(rows, query.limit, (row) => row.id, fillItem);
    },
  );
}

export function orderItem(row: OrderRecord): z.output<typeof orderSchema> {
  return {
    id: row.id,
    account: row.account,
    exchange: row.exchange,
    order_id: row.orderId,
    client_order_id: row.clientOrderId,
    symbol: row.symbol,
    side: toDbSide(row.side),
    order_type: row.orderType,
    status: row.status,
    status_reason: row.statusReason,
    price: decimalText(row.price),
    size: decimalText(row.size),
    filled_size: decimalText(row.filledSize),
    avg_fill_price: decimalText(row.avgFillPrice),
    total_fees_usd: decimalText(row.totalFeesUsd),
    trigger: row.trigger,
    exit_reason: row.exitReason,
    decision_id: row.decisionId,
    source: row.source,
    pnl_usd: decimalText(row.pnlUsd),
    order_time: timeText(row.orderTime),
    updated_at: timeText(row.updatedAt),
  };
}

export function fillItem(row: FillRecord): z.output<typeof fillSchema> {
  return {
    id: row.id,
    account: row.account,
    exchange: row.exchange,
    trade_id: row.tradeId,
    order_id: row.orderId,
    client_order_id: row.clientOrderId,
    symbol: row.symbol,
    side: toDbSide(row.side),
    price: decimalText(row.price),
    size: decimalText(row.size),
    fee: decimalText(row.fee),
    fee_currency: row.feeCurrency,
    fee_usd: decimalText(row.feeUsd),
    liquidity: row.liquidity,
    executed_at: timeText(row.executedAt),
    received_at: timeText(row.receivedAt),
    ingest_via: row.ingestVia,
  };
}
