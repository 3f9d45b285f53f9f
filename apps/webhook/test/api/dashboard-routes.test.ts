// The dashboard's reads and live stream over the whole paper system (real Postgres, real Redis, real
// HTTP for the stream): session roles, the overview with stops, a position's page, the operator's
// controls recorded as decisions, charts, tax, and server-sent events as a browser reads them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOpenPositions, storeOf } from '@hookline/store';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { dashboardStatic } from '../../src/dashboard/dashboard-static.js';
import {
  buyAlertBody,
  READ_TOKEN,
  SYMBOL,
  type TradingUnderTest,
  useTradingHarness,
} from '../support/trading-harness.js';

const ADMIN_TOKEN = 'dashboard-admin-token';
// biome-ignore lint/suspicious/noExplicitAny: the answers are read as loose JSON, their schemas are checked in api-contract.test.ts
type Json = Record<string, any>;

function reader(subject: TradingUnderTest, token = READ_TOKEN) {
  return async (url: string) => {
    const answer = await subject.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
    });
    const isJson = String(answer.headers['content-type']).includes('json');
    return {
      status: answer.statusCode,
      json: (isJson ? answer.json() : {}) as Json,
      body: answer.body,
      headers: answer.headers,
    };
  };
}

async function openPosition(subject: TradingUnderTest): Promise<void> {
  expect((await subject.post(buyAlertBody('open-1', { size: { base: '0.01' } }))).statusCode).toBe(202);
  await eventually(
    async () => {
      const positions = await readOpenPositions(storeOf(subject.database.prisma), { account: 'default' });
      return positions.some((position) => position.symbol === SYMBOL) ? true : undefined;
    },
    { what: 'the BTC position' },
  );
}

describe('the dashboard API', () => {
  const harness = useTradingHarness();

  it('when the read, admin or a wrong token asks for the session then read, admin and 401 come back', async () => {
    const subject = await harness({ env: { ADMIN_TOKEN } });
    expect((await reader(subject)('/api/session')).json).toMatchObject({
      role: 'read',
      account: 'default',
      mode: 'paper',
    });
    expect((await reader(subject, ADMIN_TOKEN)('/api/session')).json.role).toBe('admin');
    const wrong = await reader(subject, 'not-a-token')('/api/session');
    expect(wrong.status).toBe(401);
    for (const url of ['/api/overview', '/api/stream', '/api/charts/equity', '/api/tax/summary?year=2024']) {
      expect((await subject.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });

  it('when a position is open then the overview shows it with its stop levels, equity, risk, circuit and loops', async () => {
    const subject = await harness({ env: { ADMIN_TOKEN } });
    await openPosition(subject);
    subject.venue.quote('61000', '61000.01');

    const { status, json } = await reader(subject)('/api/overview');
    expect(status).toBe(200);
    const position = json.positions.find((row: { symbol: string }) => row.symbol === SYMBOL);
    expect(position).toMatchObject({ size: '0.01', trailing_stop_price: null });
    const average = Number(position.average_cost);
    expect(Number(position.hard_stop_price)).toBeCloseTo(average * 0.95, 2);
    expect(Number(position.soft_stop_price)).toBeCloseTo(average * 0.975, 2);
    expect(Number(position.unrealized_pnl_usd)).toBeGreaterThan(0);
    expect(Number(json.equity_usd)).toBeGreaterThan(0);
    expect(json.risk.trading_state).toBe('ACTIVE');
    expect(json.circuit.exchange).toBeTypeOf('string');
    expect(json.loops.map((loop: { name: string }) => loop.name)).toContain('market-data');
    expect(json.reconciliation?.name).toBe('reconciler');
    expect(json.daily_loss.used_usd).toBe('0');

    const detail = await reader(subject)(`/api/positions/detail?symbol=${encodeURIComponent(SYMBOL)}`);
    expect(detail.json.position.size).toBe('0.01');
    expect(detail.json.lots).toHaveLength(1);
    expect(detail.json.lots[0]).toMatchObject({ remaining: '0.01' });
    expect(detail.json.fills[0]).toMatchObject({ side: 'BUY', symbol: SYMBOL });
    const none = await reader(subject)('/api/positions/detail?symbol=ETH%2FUSD');
    expect(none.json).toMatchObject({ position: null, lots: [], fills: [] });
  });

  it('when the operator halts, resumes and switches the buy guard then each is a CONTROL decision, and the read token is refused and recorded', async () => {
    const subject = await harness({ env: { ADMIN_TOKEN } });
    const post = (url: string, token: string, payload: object) =>
      subject.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { authorization: `Bearer ${token}`, 'x-hookline-operator': 'alice' },
      });
    expect((await post('/api/admin/halt', ADMIN_TOKEN, { reason: 'news' })).statusCode).toBe(200);
    expect((await post('/api/admin/buy-guard', ADMIN_TOKEN, { on: true })).statusCode).toBe(200);
    expect((await post('/api/admin/resume', ADMIN_TOKEN, {})).statusCode).toBe(200);
    const refused = await post('/api/admin/halt', READ_TOKEN, { reason: 'not mine to do' });
    expect(refused.statusCode).toBe(403);

    const { json } = await reader(subject)('/api/decisions?intent=CONTROL');
    const rows = json.items as Json[];
    expect(rows.map((row) => [row.outcome, row.reason_code])).toEqual([
      ['BLOCKED', 'ADMIN_TOKEN_REQUIRED'],
      ['APPLIED', 'OPERATOR_RESUME'],
      ['APPLIED', 'OPERATOR_BUY_GUARD_ON'],
      ['APPLIED', 'OPERATOR_HALT'],
    ]);
    expect(rows[3]?.rule_inputs).toMatchObject({ action: 'halt', source: 'OPERATOR', reason: 'news' });
    expect(rows[3]?.rule_inputs.by).toMatch(/^alice/);
  });

  it('when a browser holds the stream open then a fill, its order, a decision and the sweep with the position arrive as events', async () => {
    const subject = await harness({ env: { ADMIN_TOKEN } });
    await subject.app.listen({ host: '127.0.0.1', port: 0 });
    const address = subject.app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/api/stream`, {
      headers: { authorization: `Bearer ${READ_TOKEN}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const body = response.body;
    if (body === null) throw new Error('the stream has no body');
    const reader = body.getReader();
    let text = '';
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })().catch(() => undefined);

    await openPosition(subject);
    await eventually(
      async () => {
        // The feed ticks on its own timer (the sweep interval); the test only waits for its events.
        return /event: fill\n/.test(text) && /event: sweep\ndata: .*"size":"0.01"/.test(text)
          ? true
          : undefined;
      },
      { what: 'the fill and a sweep holding the position', timeoutMs: 20_000 },
    );
    expect(text).toMatch(/event: order\n/);
    expect(text).toMatch(/event: decision\ndata: .*"outcome":"ORDERED"/);
    // One event per row: the overlap of the reads never repeats a decision.
    const decisions = text.match(/event: decision\n/g) ?? [];
    expect(decisions).toHaveLength(1);
    controller.abort();
    await pump;
  });

  it('when a sale was made this year then the tax summary and the 8949 CSV show it', async () => {
    const subject = await harness({ env: { ADMIN_TOKEN } });
    await openPosition(subject);
    subject.venue.quote('56000', '56000.01'); // beyond the hard stop: the sentinel sells
    await subject.system.sentinel.sweepOnce();
    await eventually(
      async () => {
        await subject.pipeline.fills.idle();
        await subject.system.sentinel.exits.advance();
        const positions = await readOpenPositions(storeOf(subject.database.prisma), { account: 'default' });
        return positions.length === 0 ? true : undefined;
      },
      { what: 'the position sold', timeoutMs: 30_000 },
    );
    const summary = await reader(subject)('/api/tax/summary?year=2024');
    expect(summary.json).toMatchObject({ year: 2024, accounts: ['default'], disposals: 1 });
    const csv = await reader(subject)('/api/tax/8949.csv?year=2024');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('form-8949-2024.csv');
    expect(csv.body).toContain('BTC');
    const equity = await reader(subject)('/api/charts/equity');
    expect(equity.json.points).toHaveLength(1);
    const bad = await reader(subject)('/api/tax/summary?year=1900');
    expect(bad.status).toBe(400);
  });
});

describe('the dashboard files', () => {
  it('when the dashboard is not built then / says how to build it, and when it is then / serves it with a strict CSP', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'hookline-dash-'));
    const bare = Fastify();
    await bare.register(dashboardStatic, { root: `${empty}/` });
    const missing = await bare.inject({ method: 'GET', url: '/' });
    expect(missing.statusCode).toBe(503);
    expect(missing.body).toContain('pnpm dashboard:build');
    await bare.close();

    writeFileSync(join(empty, 'index.html'), '<!doctype html><title>Hookline</title>');
    const built = Fastify();
    await built.register(dashboardStatic, { root: `${empty}/` });
    const page = await built.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Hookline</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    await built.close();
  });
});
