import { dec } from '@hookline/core';
import { recordFills } from '@hookline/ledger-store';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, seedFill, useApiHarness } from './api-harness.js';

describe('the admin API', () => {
  const harness = useApiHarness();

  it('when no ADMIN_TOKEN is configured then every admin route answers 403 "admin API disabled"', async () => {
    const { admin } = await harness({ adminToken: undefined });

    for (const url of [
      '/api/admin/halt',
      '/api/admin/resume',
      '/api/admin/buy-guard',
      '/api/admin/flatten',
    ]) {
      const answer = await admin(url, { on: true }, 'anything');
      expect(answer.statusCode).toBe(403);
      expect(answer.json.error).toMatch(/admin API disabled/);
    }
  });

  it('when the token is wrong or missing then the answer is 401 and nothing changes', async () => {
    const { admin, app, controls } = await harness();

    const wrong = await admin('/api/admin/halt', {}, `${ADMIN_TOKEN}x`);
    const missing = await app.inject({ method: 'POST', url: '/api/admin/halt', payload: {} });

    expect(wrong.statusCode).toBe(401);
    expect(wrong.json.error).not.toContain(ADMIN_TOKEN);
    expect(missing.statusCode).toBe(401);
    expect((await controls.snapshot()).tradingState).toBe('ACTIVE');
  });

  it('when admin calls are made then the log names who and why but never the token', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    const { admin } = await harness({ logger });

    await admin('/api/admin/halt', { reason: 'audit' });
    await admin('/api/admin/halt', {}, `${ADMIN_TOKEN}-wrong`);

    const log = lines.join('');
    expect(log).toContain('control changed');
    expect(log).toContain('"reason":"audit"');
    expect(log).toContain('wrong or missing bearer token');
    expect(log).not.toContain(ADMIN_TOKEN);
  });

  it('when the token is right then halt and resume switch the trading state, stored with who and why', async () => {
    const { admin, app, get } = await harness();

    const halted = await app.inject({
      method: 'POST',
      url: '/api/admin/halt',
      payload: { reason: 'exchange incident' },
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-hookline-operator': 'alice' },
    });
    const risk = (await get('/api/risk')).json;
    const resumed = await admin('/api/admin/resume', { state: 'REDUCING' });

    expect(halted.statusCode).toBe(200);
    expect(halted.json()).toMatchObject({ trading_state: 'HALTED', reason: 'exchange incident' });
    expect(halted.json().by).toMatch(/^alice/);
    expect(risk).toMatchObject({
      trading_state: 'HALTED',
      trading_state_change: { reason: 'exchange incident' },
    });
    expect(resumed.json).toMatchObject({ trading_state: 'REDUCING' });
    expect((await get('/api/risk')).json.trading_state).toBe('REDUCING');
  });

  it('when the API buy guard is switched on and off then /api/risk follows', async () => {
    const { admin, get } = await harness();

    const on = await admin('/api/admin/buy-guard', { on: true });
    const whileOn = (await get('/api/risk')).json.buy_guard;
    await admin('/api/admin/buy-guard', { on: false });
    const afterOff = (await get('/api/risk')).json.buy_guard;

    expect(on.json).toMatchObject({ api: true, active: true });
    expect(whileOn).toMatchObject({ api: true, active: true, env: false, file: false });
    expect(afterOff).toMatchObject({ api: false, active: false });
  });

  it('when buy-guard has no boolean "on" then the answer is 400', async () => {
    const { admin } = await harness();

    expect((await admin('/api/admin/buy-guard', { on: 'yes' })).statusCode).toBe(400);
  });

  it('when one symbol is flattened then a MANUAL exit LIMIT just above the bid sells its whole position', async () => {
    const { admin, database } = await harness({ venueBalances: { USD: dec('100000'), BTC: dec('1') } });
    await recordFills(database.prisma, [
      seedFill('t-1'),
      seedFill('t-2', { size: dec('0.005'), price: dec('52000') }),
      seedFill('t-eth', { symbol: 'ETH/USD', price: dec('3000'), size: dec('0.1') }),
    ]);

    const answer = await admin('/api/admin/flatten', { symbol: 'BTC/USD', reason: 'manual test' });

    expect(answer.statusCode).toBe(200);
    expect(answer.json.intents).toEqual([
      expect.objectContaining({
        symbol: 'BTC/USD',
        side: 'sell',
        amount: '0.015',
        price: '60006',
        order_type: 'LIMIT',
        exit_reason: 'MANUAL',
      }),
    ]);
    const exits = await database.prisma.tradeRecord.findMany({ where: { trigger: 'EXIT' } });
    expect(exits).toHaveLength(1);
    expect(exits[0]).toMatchObject({
      side: 'SELL',
      status: 'OPEN',
      exitReason: 'MANUAL',
      symbol: 'BTC/USD',
      source: 'WEBHOOK',
    });
    expect(exits[0]?.size.toString()).toBe('0.015');
    const decision = await database.prisma.decision.findUniqueOrThrow({
      where: { decisionId: exits[0]?.decisionId ?? '' },
    });
    expect(decision).toMatchObject({
      intent: 'EXIT',
      outcome: 'ORDERED',
      reasonCode: 'MANUAL',
      exitReason: 'MANUAL',
    });
  });

  it('when everything is flattened then each open position gets an EMERGENCY sell, and one the exit executor cannot sell is reported skipped with its reason', async () => {
    const { admin, database } = await harness({ venueBalances: { USD: dec('100000'), BTC: dec('1') } });
    await recordFills(database.prisma, [
      seedFill('t-1'),
      seedFill('t-eth', { symbol: 'ETH/USD', price: dec('3000'), size: dec('0.1') }),
    ]);

    const answer = await admin('/api/admin/flatten', {});

    expect(answer.json.intents).toEqual([
      expect.objectContaining({ symbol: 'BTC/USD', exit_reason: 'EMERGENCY' }),
    ]);
    expect(answer.json.skipped).toEqual([
      { symbol: 'ETH/USD', reason: 'PRICE_UNAVAILABLE', decision_id: expect.any(String) },
    ]);
    const exits = await database.prisma.tradeRecord.findMany({ where: { trigger: 'EXIT' } });
    // EMERGENCY goes down the IOC ladder: the first IOC at the bid takes the whole 0.015 at once.
    expect(exits.map((row) => [row.symbol, row.exitReason, row.timeInForce, row.status])).toEqual([
      ['BTC/USD', 'EMERGENCY', 'IOC', 'FILLED'],
    ]);
    const skippedDecision = await database.prisma.decision.findUniqueOrThrow({
      where: { decisionId: (answer.json.skipped as Array<{ decision_id: string }>)[0]?.decision_id ?? '' },
    });
    expect(skippedDecision).toMatchObject({ outcome: 'BLOCKED', reasonCode: 'PRICE_UNAVAILABLE' });
  });
});
