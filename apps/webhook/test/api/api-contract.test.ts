import { dec } from '@hookline/core';
import { recordFills } from '@hookline/ledger-store';
import { writeLatestMatrixRow } from '@hookline/runtime';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ADMIN_TOKEN, seedFill, useApiHarness } from './api-harness.js';

type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
type Document = { paths: Record<string, Record<string, Operation>> };

/** The zod schema of the documented answer of `method url` with `status`, read back from the document. */
function documentedAnswer(document: Document, method: string, url: string, status: number) {
  const schema =
    document.paths[url]?.[method]?.responses[String(status)]?.content?.['application/json']?.schema;
  if (schema === undefined) throw new Error(`${method} ${url} documents no ${status} answer`);
  return z.fromJSONSchema(schema as z.core.JSONSchema.JSONSchema, { defaultTarget: 'openapi-3.0' });
}

const indicators = {
  rsi: '28.5',
  macd: null,
  macd_signal: null,
  macd_histogram: null,
  bb_upper: '61000',
  bb_middle: '60000',
  bb_lower: '59000',
  atr: '300',
  roc: '1.2',
  ema_fast: '60100',
  ema_slow: '59900',
  volume_ratio: '1.7',
};

describe('the API contract', () => {
  const harness = useApiHarness();

  it('when every route answers with real data then each answer fits the schema the OpenAPI document publishes for it', async () => {
    const { admin, database, get, prefix, redis, venue } = await harness({
      venueBalances: { USD: dec('100000'), BTC: dec('1') },
    });
    await recordFills(database.prisma, [
      seedFill('t-1'),
      seedFill('t-eth', { symbol: 'ETH/USD', price: dec('3000'), size: dec('0.1') }),
    ]);
    const alert = await database.prisma.alert.create({
      data: {
        account: 'default',
        idempotencyKey: 'k-1',
        source: 'TRADINGVIEW',
        rawBody: '{}',
        parsedPayload: { alert: { symbol: 'BTC/USD' } },
        status: 'PROCESSED',
        reason: 'BUY_GUARD_ACTIVE',
        receivedAt: new Date('2024-05-01T12:00:00Z'),
        processedAt: new Date('2024-05-01T12:00:01Z'),
      },
    });
    await database.prisma.decision.create({
      data: {
        account: 'default',
        symbol: 'BTC/USD',
        side: 'BUY',
        intent: 'ENTRY',
        outcome: 'BLOCKED',
        reasonCode: 'BUY_GUARD_ACTIVE',
        ruleInputs: { risk: { buyGuard: true } },
        alertId: alert.id,
      },
    });
    const now = venue.clock.now();
    await writeLatestMatrixRow(
      redis,
      {
        symbol: 'BTC/USD',
        timeframe: '1m',
        candle_time: new Date(now.getTime() - 60_000).toISOString(),
        computed_at: now.toISOString(),
        indicators,
        buy_score: '3.5',
        sell_score: '0',
        action: 'BUY',
        atr: '300',
      },
      prefix,
    );
    const document = (await get('/openapi.json')).json as Document;

    const answers: Array<[method: string, url: string, status: number, answer: unknown]> = [];
    const read = async (url: string) => {
      const answer = await get(url);
      answers.push(['get', url.split('?')[0] ?? url, answer.statusCode, answer.json]);
      return answer.json;
    };
    const act = async (url: string, payload: unknown, token?: string) => {
      const answer = await admin(url, payload, token);
      answers.push(['post', url, answer.statusCode, answer.json]);
      return answer.json;
    };
    await act('/api/admin/halt', { reason: 'contract test' });
    await act('/api/admin/buy-guard', { on: true, reason: 'contract test' });
    await act('/api/admin/resume', { state: 'REDUCING' });
    await act('/api/admin/halt', {}, `${ADMIN_TOKEN}-wrong`);
    const reads = {
      positions: await read('/api/positions'),
      orders: await read('/api/orders'),
      fills: await read('/api/fills?limit=1'),
      decisions: await read('/api/decisions'),
      alerts: await read('/api/alerts'),
      risk: await read('/api/risk'),
      circuit: await read('/api/circuit'),
      matrix: await read('/api/matrix'),
      session: await read('/api/session'),
      overview: await read('/api/overview'),
      detail: await read('/api/positions/detail?symbol=BTC%2FUSD'),
      equity: await read('/api/charts/equity'),
      candles: await read('/api/charts/candles?symbol=BTC%2FUSD&timeframe=1m&limit=10'),
      tax: await read('/api/tax/summary?year=2024'),
    };
    const flatten = await act('/api/admin/flatten', {});
    // The flatten's exit (an EMERGENCY IOC) is in the exits table: list it, then read it by its id.
    const exits = await read('/api/exits');
    const exitId = String((exits.items as Array<{ id: string }>)[0]?.id);
    const exit = await get(`/api/exits/${exitId}`);
    answers.push(['get', '/api/exits/{id}', exit.statusCode, exit.json]);
    const missing = await get('/api/exits/no-such-exit');
    answers.push(['get', '/api/exits/{id}', missing.statusCode, missing.json]);

    // Every list is filled, so the item schemas are exercised and not just an empty array.
    for (const list of [reads.positions, reads.orders, reads.fills, reads.decisions, reads.alerts])
      expect(list.items).not.toEqual([]);
    expect(reads.fills.next_before).toEqual(expect.any(String));
    expect(reads.risk.trading_state_change).not.toBeNull();
    expect(reads.matrix.rows).toHaveLength(1);
    expect(reads.matrix.refused).toHaveLength(1);
    expect(flatten.intents).toHaveLength(1);
    expect(flatten.skipped).toHaveLength(1);
    expect(exits.items).toHaveLength(1);
    expect(missing.statusCode).toBe(404);
    expect(answers.map(([method, url, status]) => `${method} ${url} ${status}`)).toContain(
      'post /api/admin/halt 401',
    );
    for (const [method, url, status, answer] of answers) {
      const parsed = documentedAnswer(document, method, url, status).safeParse(answer);
      expect(parsed.error, `${method} ${url} ${status}`).toBeUndefined();
    }
    expect(reads.overview.positions).not.toEqual([]);
    expect(reads.candles.candles).not.toEqual([]);
    // The stream (text/event-stream) and the CSV download are not JSON: dashboard-routes.test.ts reads them.
    const notJson = new Set(['/api/stream', '/api/tax/8949.csv']);
    const documented = Object.entries(document.paths)
      .filter(([url]) => url.startsWith('/api/') && !notJson.has(url))
      .flatMap(([url, operations]) => Object.keys(operations).map((method) => `${method} ${url}`));
    const answered = new Set(
      answers.filter(([, , status]) => status === 200).map(([method, url]) => `${method} ${url}`),
    );
    expect(documented.filter((route) => !answered.has(route))).toEqual([]);
  });

  it('when the document is read then every /api route names the token it needs', async () => {
    const { get } = await harness();
    const document = (await get('/openapi.json')).json as {
      paths: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>>;
    };
    const schemes = Object.entries(document.paths)
      .filter(([url]) => url.startsWith('/api/'))
      .flatMap(([url, operations]) =>
        Object.entries(operations).map(([method, operation]) => [
          `${method} ${url}`,
          (operation.security ?? []).flatMap((requirement) => Object.keys(requirement)).join(','),
        ]),
      );
    expect(schemes.length).toBeGreaterThan(8);
    for (const [route, scheme] of schemes) {
      expect(scheme, route).toBe(route?.includes('/api/admin/') ? 'adminToken' : 'readToken');
    }
  });

  it('when no ADMIN_TOKEN is configured then the 403 answer fits its documented schema', async () => {
    const { admin, get } = await harness({ adminToken: undefined });
    const document = (await get('/openapi.json')).json as Document;

    const answer = await admin('/api/admin/flatten', {}, 'anything');

    expect(answer.statusCode).toBe(403);
    expect(documentedAnswer(document, 'post', '/api/admin/flatten', 403).safeParse(answer.json).success).toBe(
      true,
    );
  });

  it('when the input is bad then the 400 body names each zod issue and where it is', async () => {
    const { app, get } = await harness();
    const badRequest = (message: string) => ({
      statusCode: 400,
      code: 'FST_ERR_VALIDATION',
      error: 'Bad Request',
      message,
      requestId: expect.any(String),
    });

    const tooBig = await get('/api/fills?limit=1001');
    const twoIssues = await get('/api/decisions?outcome=MAYBE&limit=0');
    const unknownKey = await get('/api/matrix?foo=1');
    const noBody = await app.inject({
      method: 'POST',
      url: '/api/admin/buy-guard',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });

    expect(tooBig.json).toEqual(badRequest('✖ Too big: expected number to be <=1000\n  → at limit'));
    expect(twoIssues.json).toEqual(
      badRequest(
        '✖ Too small: expected number to be >=1\n  → at limit\n' +
          '✖ Invalid option: expected one of "ORDERED"|"BLOCKED"|"SKIPPED"|"APPLIED"\n  → at outcome',
      ),
    );
    expect(unknownKey.json).toEqual(badRequest('✖ Unrecognized key: "foo"'));
    expect(noBody.statusCode).toBe(400);
    expect(noBody.json()).toEqual(
      badRequest('✖ Invalid input: expected boolean, received undefined\n  → at on'),
    );
  });

  it('when an optional admin body is left out then the route runs as with an empty one', async () => {
    const { app, controls } = await harness();

    const answer = await app.inject({
      method: 'POST',
      url: '/api/admin/halt',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });

    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ trading_state: 'HALTED', reason: 'halt via the admin API' });
    expect((await controls.snapshot()).tradingState).toBe('HALTED');
  });
});
