// The entry guards through the real pipeline: POST /webhook → alerts → alert.process → risk gate →
// decisions, on the paper venue (its clock is the receipt time; the venue starts at 12:00:00 and its
// first quote is at 12:00:01).
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { buyAlertBody, useTradingHarness } from '../support/trading-harness.js';

describe('entry guards through the trading harness', () => {
  const harness = useTradingHarness();

  it('when an alert arrives two minutes after its own time then it is BLOCKED ALERT_TOO_OLD with its inputs and nothing is ordered', async () => {
    const { post, database, venue } = await harness();

    const response = await post(buyAlertBody('stale-alert', { time: '2024-05-01T11:58:00Z' }));

    expect(response.statusCode).toBe(202);
    const decision = await eventually(async () => (await database.prisma.decision.findFirst()) ?? undefined);
    expect(decision).toMatchObject({ outcome: 'BLOCKED', reasonCode: 'ALERT_TOO_OLD', intent: 'ENTRY' });
    const inputs = decision.ruleInputs as { risk: Record<string, unknown>; message: string };
    expect(inputs.risk.alertAge).toEqual({
      alertTime: '2024-05-01T11:58:00.000Z',
      receivedAt: '2024-05-01T12:00:01.000Z',
      maxAlertAgeMs: 60_000,
      alertAgeMs: 121_000,
    });
    // jsonb keeps keys in its own order: the set says which rules ran (the gate stopped at alertAge).
    expect(Object.keys(inputs.risk).sort()).toEqual([
      'alertAge',
      'buyGuard',
      'exchangeCircuit',
      'tradingState',
    ]);
    expect(inputs.message).toBe('the alert was 121000 ms old when received (max 60000 ms)');
    expect(await database.prisma.tradeRecord.count()).toBe(0);
    expect(await venue.exchange.fetchOpenOrders()).toEqual([]);
  });

  it('when a fresh alert at the market price arrives then every guard passes, says what it saw, and the entry is ORDERED', async () => {
    const { post, database } = await harness();

    await post(buyAlertBody('fresh-alert'));

    const decision = await eventually(async () => (await database.prisma.decision.findFirst()) ?? undefined);
    expect(decision).toMatchObject({ outcome: 'ORDERED', reasonCode: 'ORDERED' });
    const risk = (decision.ruleInputs as { risk: Record<string, Record<string, unknown>> }).risk;
    expect(risk.alertAge).toMatchObject({ alertAgeMs: 1_000, maxAlertAgeMs: 60_000 });
    expect(risk.spread).toMatchObject({ bid: '60000', ask: '60000.01', maxSpreadBps: '50' });
    expect(risk.priceDeviation).toMatchObject({
      alertPrice: '60000',
      mid: '60000.005',
      maxPriceDeviationPct: '2',
    });
    expect(risk.immediateLoss).toMatchObject({
      entryPrice: '60000.01',
      feePct: '0.6',
      maxImmediateLossPct: '1',
    });
  });

  it('when the alert age guard is configured off then the same stale alert is ORDERED', async () => {
    const { post, database } = await harness({ env: { HOOKLINE_RISK_MAX_ALERT_AGE_MS: '0' } });

    await post(buyAlertBody('stale-alert-guard-off', { time: '2024-05-01T11:58:00Z' }));

    const decision = await eventually(async () => (await database.prisma.decision.findFirst()) ?? undefined);
    expect(decision).toMatchObject({ outcome: 'ORDERED' });
    const risk = (decision.ruleInputs as { risk: Record<string, Record<string, unknown>> }).risk;
    expect(risk.alertAge).toMatchObject({ alertAgeMs: 121_000, note: 'the alert age guard is off' });
  });
});
