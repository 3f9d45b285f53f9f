// sighook's entry alert as the webhook receives it. The services may not import each other (the
// dependency rules cover tests too), so the row is built with the shared definition both use
// (`sighookEntryAlert` in @hookline/schemas) and stored with the columns sighook's entry store writes
// (packages/store/src/alerts/sighook-entries.ts; its own tests check that side).
import { deriveClientOrderId } from '@hookline/core';
import { type MatrixRow, sighookEntryAlert } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { useTradingHarness } from '../support/trading-harness.js';

function buyRow(): MatrixRow {
  const nullIndicators = {
    rsi: null,
    macd: null,
    macd_signal: null,
    macd_histogram: null,
    bb_upper: null,
    bb_middle: null,
    bb_lower: null,
    atr: null,
    roc: null,
    ema_fast: null,
    ema_slow: null,
    volume_ratio: null,
  };
  return {
    symbol: 'BTC/USD',
    timeframe: '1m',
    candle_time: '2024-05-01T11:59:00.000Z',
    computed_at: '2024-05-01T12:00:00.500Z',
    indicators: nullIndicators,
    buy_score: '3.5',
    sell_score: '0',
    action: 'BUY',
    atr: null,
  };
}

describe('a sighook entry alert through the webhook pipeline', () => {
  const harness = useTradingHarness();

  it('when sighook stores an entry and enqueues alert.process then the webhook decides it under sighook decision id and orders once', async () => {
    const { database, pipeline, venue } = await harness();
    const prisma = database.prisma;
    const entry = sighookEntryAlert('default', buyRow(), '60000.005');
    const stored = await prisma.alert.create({
      data: {
        account: 'default',
        idempotencyKey: entry.idempotencyKey,
        source: 'SIGHOOK',
        rawBody: entry.rawBody,
        parsedPayload: entry.payload,
        status: 'ACCEPTED',
        receivedAt: venue.clock.now(),
      },
    });

    await pipeline.queues.enqueue('alert.process', { alertId: stored.id });
    await pipeline.queues.enqueue('alert.process', { alertId: stored.id });

    const order = await eventually(async () => (await prisma.tradeRecord.findFirst()) ?? undefined);
    const alert = await eventually(async () => {
      const row = await prisma.alert.findUniqueOrThrow({ where: { id: stored.id } });
      return row.status === 'PROCESSED' ? row : undefined;
    });
    const decision = await prisma.decision.findFirstOrThrow();
    expect(alert.reason).toBeNull();
    expect(decision).toMatchObject({
      decisionId: entry.decisionId,
      alertId: stored.id,
      outcome: 'ORDERED',
      intent: 'ENTRY',
      symbol: 'BTC/USD',
    });
    expect(order).toMatchObject({
      decisionId: entry.decisionId,
      side: 'BUY',
      trigger: 'SIGNAL',
      source: 'SIGHOOK',
    });
    expect(order.clientOrderId).toBe(deriveClientOrderId(entry.decisionId));
    expect(await prisma.decision.count()).toBe(1);
    expect(await prisma.tradeRecord.count()).toBe(1);
  });

  it('when a TradingView alert carries no decision id then the processor still makes its own', async () => {
    const { database, pipeline, venue } = await harness();
    const prisma = database.prisma;
    const { alert } = sighookEntryAlert('default', buyRow(), null);
    const stored = await prisma.alert.create({
      data: {
        account: 'default',
        idempotencyKey: 'tradingview:id:buy:no-decision-id',
        source: 'TRADINGVIEW',
        rawBody: '{}',
        parsedPayload: { alert },
        status: 'ACCEPTED',
        receivedAt: venue.clock.now(),
      },
    });

    await pipeline.queues.enqueue('alert.process', { alertId: stored.id });

    const decision = await eventually(async () => (await prisma.decision.findFirst()) ?? undefined);
    expect(decision.decisionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(decision.decisionId).not.toBe(sighookEntryAlert('default', buyRow(), null).decisionId);
  });
});
