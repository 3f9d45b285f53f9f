// POST /api/admin/{halt,resume,buy-guard,flatten}: the operator's actions, behind the admin token.
// Each change is stored with who asked (the X-Hookline-Operator header, else "admin") and why, and
// recorded as a decision (intent CONTROL; a flatten's exits are EXIT decisions naming the operator).
// An action asked with the read token is refused and recorded too (BLOCKED ADMIN_TOKEN_REQUIRED).
import { writeControlDecision } from '@hookline/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OperatorChange } from '../controls/operator-change.js';
import type { LiveFeed } from '../live/live-feed.js';
import { adminAccessCheck } from './admin-auth.js';
import type { ApiOptions } from './api-options.js';
import { timeSchema } from './api-values.js';
import { flattenPositions } from './flatten.js';

const reasonBody = z.object({ reason: z.string().max(500).optional().describe('why (stored and logged)') });
const stateAnswer = z.object({
  trading_state: z.enum(['ACTIVE', 'REDUCING', 'HALTED']),
  by: z.string(),
  reason: z.string(),
  at: timeSchema,
});
// What adminAccessCheck answers before the handler runs.
const errorSchema = z.object({ error: z.string(), requestId: z.string() });
const adminErrors = { 401: errorSchema, 403: errorSchema };
/** The OpenAPI security requirement of every admin route (the scheme is declared in openapi-plugin.ts). */
const adminSecurity = [{ adminToken: [] }];

/** Registers the admin routes in their own scope, each behind the bearer token. */
export async function adminRoutesPlugin(
  app: FastifyInstance,
  options: ApiOptions & { readonly live?: Pick<LiveFeed, 'publish'> | undefined },
): Promise<void> {
  // onRequest: a refused caller's body is never read.
  app.addHook(
    'onRequest',
    adminAccessCheck(options.access, {
      onReadToken: (request) =>
        recordControl(options, request, {
          outcome: 'BLOCKED',
          reasonCode: 'ADMIN_TOKEN_REQUIRED',
          change: changeOf(request, undefined, actionOf(request)),
        }),
    }),
  );
  const { controls } = options;
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/admin/halt',
    {
      schema: {
        summary: 'HALTED: nothing new is opened (emergency exits still run)',
        tags: ['admin'],
        security: adminSecurity,
        body: reasonBody.optional(),
        response: { 200: stateAnswer, ...adminErrors },
      },
    },
    async (request) => {
      const { body } = request;
      const change = changeOf(request, body?.reason, 'halt');
      const stored = await controls.setTradingState('HALTED', change);
      await recordControl(options, request, { outcome: 'APPLIED', reasonCode: 'OPERATOR_HALT', change });
      return { trading_state: stored.value, by: stored.by, reason: stored.reason, at: stored.at };
    },
  );
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/admin/resume',
    {
      schema: {
        summary: 'ACTIVE again (or REDUCING with {"state":"REDUCING"}: exits only)',
        tags: ['admin'],
        security: adminSecurity,
        body: reasonBody.extend({ state: z.enum(['ACTIVE', 'REDUCING']).default('ACTIVE') }).optional(),
        response: { 200: stateAnswer, ...adminErrors },
      },
    },
    async (request) => {
      const { body } = request;
      const state = body?.state ?? 'ACTIVE';
      const change = changeOf(request, body?.reason, 'resume');
      const stored = await controls.setTradingState(state, change);
      // Resuming is the operator's word that the reconciler's mismatches were checked.
      await controls.clearReducingSymbols(change);
      await recordControl(options, request, {
        outcome: 'APPLIED',
        reasonCode: 'OPERATOR_RESUME',
        change,
        inputs: { state },
      });
      return { trading_state: stored.value, by: stored.by, reason: stored.reason, at: stored.at };
    },
  );
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/admin/buy-guard',
    {
      schema: {
        summary: 'Switches the API buy guard (the env and file guards are separate)',
        tags: ['admin'],
        security: adminSecurity,
        body: reasonBody.extend({ on: z.boolean() }),
        response: {
          200: z.object({
            api: z.boolean(),
            active: z.boolean(),
            by: z.string(),
            reason: z.string(),
            at: timeSchema,
          }),
          ...adminErrors,
        },
      },
    },
    async (request) => {
      const { body } = request;
      const change = changeOf(request, body.reason, 'buy guard');
      const stored = await controls.setApiBuyGuard(body.on, change);
      await recordControl(options, request, {
        outcome: 'APPLIED',
        reasonCode: body.on ? 'OPERATOR_BUY_GUARD_ON' : 'OPERATOR_BUY_GUARD_OFF',
        change,
        inputs: { on: body.on },
      });
      const snapshot = await controls.snapshot();
      return {
        api: stored.value,
        active: snapshot.buyGuard.active,
        by: stored.by,
        reason: stored.reason,
        at: stored.at,
      };
    },
  );
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/admin/flatten',
    {
      schema: {
        summary: 'Sells one open position (MANUAL) or all of them (EMERGENCY) through the order executor',
        tags: ['admin'],
        security: adminSecurity,
        body: reasonBody.extend({ symbol: z.string().min(1).optional() }).optional(),
        response: {
          200: z.object({
            intents: z.array(
              z.object({
                decision_id: z.string(),
                client_order_id: z.string(),
                symbol: z.string(),
                side: z.literal('sell'),
                amount: z.string(),
                price: z.string().nullable(),
                order_type: z.enum(['LIMIT', 'MARKET']),
                exit_reason: z.enum(['MANUAL', 'EMERGENCY']),
              }),
            ),
            skipped: z.array(z.object({ symbol: z.string(), reason: z.string(), decision_id: z.string() })),
          }),
          ...adminErrors,
        },
      },
    },
    async (request) => {
      const { body } = request;
      const change = changeOf(request, body?.reason, 'flatten');
      request.log.warn(
        { symbol: body?.symbol ?? 'ALL', by: change.by, reason: change.reason },
        'flatten requested',
      );
      return await flattenPositions(options, body?.symbol, change);
    },
  );
}

function changeOf(request: FastifyRequest, reason: string | undefined, action: string): OperatorChange {
  const operator = request.headers['x-hookline-operator'];
  const by = typeof operator === 'string' && operator.trim() !== '' ? operator.trim().slice(0, 100) : 'admin';
  return { by: `${by} (${request.ip})`, reason: reason ?? `${action} via the admin API` };
}

/** The action of an admin route: the last part of its path (halt, resume, buy-guard, flatten). */
function actionOf(request: FastifyRequest): string {
  return (request.url.split('?')[0] ?? '').split('/').at(-1) ?? 'admin';
}

/** Records the operator's control as a decision (intent CONTROL, source OPERATOR). */
async function recordControl(
  options: ApiOptions & { readonly live?: Pick<LiveFeed, 'publish'> | undefined },
  request: FastifyRequest,
  control: {
    outcome: 'APPLIED' | 'BLOCKED';
    reasonCode: string;
    change: OperatorChange;
    inputs?: Record<string, unknown>;
  },
): Promise<void> {
  const body = request.body as { symbol?: unknown } | undefined;
  await writeControlDecision(options.store, {
    account: options.account,
    symbol: typeof body?.symbol === 'string' ? body.symbol : '*',
    outcome: control.outcome,
    reasonCode: control.reasonCode,
    ruleInputs: {
      action: actionOf(request),
      source: 'OPERATOR',
      by: control.change.by,
      reason: control.change.reason,
      ...control.inputs,
    },
    createdAt: options.clock.now(),
  });
  options.live?.publish({
    event: 'control',
    data: {
      what: actionOf(request),
      outcome: control.outcome,
      by: control.change.by,
      reason: control.change.reason,
      at: options.clock.now().toISOString(),
    },
  });
}
