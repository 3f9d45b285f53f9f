// GET /api/decisions ("why was this not bought?" is one call: filter by symbol, outcome and reason)
// and GET /api/alerts: newest first, paged by id.
import { type AlertRecord, type DecisionRecord, listAlerts, listDecisions, toDbSide } from '@hookline/store';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiOptions } from './api-options.js';
import { page, pageQuery, pageSchema, timeSchema, timeText } from './api-values.js';

const outcomes = ['ORDERED', 'BLOCKED', 'SKIPPED', 'APPLIED'] as const;
const intents = ['ENTRY', 'EXIT', 'CONTROL'] as const;
const alertStatuses = ['ACCEPTED', 'REJECTED', 'DUPLICATE', 'PROCESSED', 'FAILED'] as const;

export const decisionSchema = z.object({
  decision_id: z.string(),
  account: z.string(),
  symbol: z.string(),
  side: z.enum(['BUY', 'SELL']).nullable(),
  intent: z
    .enum(intents)
    .describe("CONTROL: an operator's halt, resume or buy-guard switch (who and why in rule_inputs)"),
  outcome: z.enum(outcomes),
  reason_code: z.string(),
  exit_reason: z
    .string()
    .nullable()
    .describe(
      'why the exit was taken: a sentinel rule (HARD_STOP, SOFT_STOP, TRAILING_STOP, TAKE_PROFIT, SIGNAL_EXIT, TTL), ' +
        "CAP_ENFORCEMENT, an operator's MANUAL or EMERGENCY, or a user's USER_SELL or USER_EXIT alert; null for entries",
    ),
  rule_inputs: z.unknown().describe('the inputs of every rule that ran, as stored'),
  alert_id: z.string().nullable(),
  created_at: timeSchema,
});

const alertSchema = z.object({
  id: z.string(),
  account: z.string(),
  idempotency_key: z.string(),
  source: z.string(),
  status: z.enum(alertStatuses),
  reason: z.string().nullable(),
  remote_address: z.string().nullable(),
  parsed_payload: z.unknown(),
  received_at: timeSchema,
  processed_at: timeSchema.nullable(),
});

/** Registers GET /api/decisions and GET /api/alerts. */
export function registerDecisionRoutes(app: FastifyInstance, options: ApiOptions): void {
  const { store } = options;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/decisions',
    {
      schema: {
        summary: 'Risk-gate decisions with their reason code and rule inputs, newest first',
        tags: ['read'],
        querystring: pageQuery.extend({
          account: z.string().optional().describe("the account (default: this process's trading account)"),
          symbol: z.string().optional(),
          outcome: z.enum(outcomes).optional(),
          reason: z.string().optional().describe('reason code, e.g. BUY_GUARD_ACTIVE'),
          intent: z.enum(intents).optional(),
          alert_id: z.string().optional(),
        }),
        response: { 200: pageSchema(decisionSchema) },
      },
    },
    async ({ query }) => {
      const rows = await listDecisions(store, {
        account: query.account ?? options.account,
        symbol: query.symbol,
        outcome: query.outcome,
        reasonCode: query.reason,
        intent: query.intent,
        alertId: query.alert_id,
        before: query.before,
        limit: query.limit,
      });
      return page(rows, query.limit, (row) => row.decisionId, decisionItem);
    },
  );
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/alerts',
    {
      schema: {
        summary: 'Inbound alerts, accepted or not, newest first (the raw body is not returned)',
        tags: ['read'],
        querystring: pageQuery.extend({
          account: z.string().optional().describe("the account (default: this process's trading account)"),
          status: z.enum(alertStatuses).optional(),
        }),
        response: { 200: pageSchema(alertSchema) },
      },
    },
    async ({ query }) => {
      const rows = await listAlerts(store, {
        account: query.account ?? options.account,
        status: query.status,
        before: query.before,
        limit: query.limit,
      });
      return page(rows, query.limit, (row) => row.id, alertItem);
    },
  );
}

export function decisionItem(row: DecisionRecord): z.output<typeof decisionSchema> {
  return {
    decision_id: row.decisionId,
    account: row.account,
    symbol: row.symbol,
    side: row.side === null ? null : toDbSide(row.side),
    intent: row.intent,
    outcome: row.outcome,
    reason_code: row.reasonCode,
    exit_reason: row.exitReason,
    rule_inputs: row.ruleInputs,
    alert_id: row.alertId,
    created_at: timeText(row.createdAt),
  };
}

// The raw body is kept for audit, not served: the parsed payload says what the alert asked for.
function alertItem(row: AlertRecord): z.output<typeof alertSchema> {
  return {
    id: row.id,
    account: row.account,
    idempotency_key: row.idempotencyKey,
    source: row.source,
    status: row.status,
    reason: row.reason,
    remote_address: row.remoteAddress,
    parsed_payload: row.parsedPayload,
    received_at: timeText(row.receivedAt),
    processed_at: timeText(row.processedAt),
  };
}
