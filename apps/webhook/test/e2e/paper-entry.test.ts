import { deriveClientOrderId } from '@hookline/core';
import { readOpenPositions, storeOf } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { buyAlertBody, useTradingHarness } from '../support/trading-harness.js';

describe('paper mode, from a TradingView alert to an open position', () => {
  const harness = useTradingHarness();

  it('when a TradingView buy alert is posted then it becomes a filled order, its fill, its trade_records row and an open position', async () => {
    const { post, database, venue } = await harness();
    const prisma = database.prisma;

    const answer = await post(buyAlertBody('e2e-1'));
    expect(answer.statusCode).toBe(202);

    // The order fills while alert.process is still finishing: wait for both ends of the pipeline.
    // Prisma's `include` reads the row and its fills in two queries, so the status update can be
    // seen before the fill's transaction (fill + aggregates, atomic) commits: wait for the aggregates.
    const row = await eventually(async () => {
      const found = await prisma.tradeRecord.findFirst({ include: { fills: true } });
      const complete =
        found?.status === 'FILLED' && found.fills.length === 1 && found.filledSize.equals(found.size);
      return complete ? found : undefined;
    });
    const alert = await eventually(async () => {
      const stored = await prisma.alert.findFirst();
      return stored?.status === 'PROCESSED' ? stored : undefined;
    });
    const decision = await prisma.decision.findFirstOrThrow();
    expect(decision).toMatchObject({
      outcome: 'ORDERED',
      intent: 'ENTRY',
      symbol: 'BTC/USD',
      alertId: alert.id,
    });
    expect(row).toMatchObject({
      clientOrderId: deriveClientOrderId(decision.decisionId),
      decisionId: decision.decisionId,
      trigger: 'ALERT',
      source: 'WEBHOOK',
      side: 'BUY',
      orderType: 'LIMIT',
      exchange: 'paper',
    });
    expect(row.orderId).not.toBeNull();
    expect(row.filledSize.toString()).toBe(row.size.toString());
    // 100 USD at the ask, truncated to the market's step.
    expect(row.price?.toString()).toBe('60000.01');
    expect(row.size.toString()).toBe('0.00166666');
    const [fill] = row.fills;
    expect(fill).toMatchObject({ orderId: row.orderId, symbol: 'BTC/USD', side: 'BUY' });
    expect(fill?.size.toString()).toBe('0.00166666');
    expect(venue.ordersWith(row.clientOrderId)).toBe(1);

    const positions = await readOpenPositions(storeOf(prisma), {
      account: 'default',
      markets: await venue.exchange.fetchMarkets(),
    });
    expect(positions.map((position) => [position.symbol, position.amount.toString()])).toEqual([
      ['BTC/USD', '0.00166666'],
    ]);
  });

  it('when the same alert is delivered twice then it is decided and ordered once', async () => {
    const { post, database, venue } = await harness();
    const prisma = database.prisma;

    expect((await post(buyAlertBody('dup-1'))).statusCode).toBe(202);
    expect((await post(buyAlertBody('dup-1'))).statusCode).toBe(200);

    const row = await eventually(async () => {
      const found = await prisma.tradeRecord.findFirst();
      return found?.status === 'FILLED' ? found : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await prisma.decision.count()).toBe(1);
    expect(await prisma.tradeRecord.count()).toBe(1);
    expect(venue.ordersWith(row.clientOrderId)).toBe(1);
  });

  it('when the buy guard is on then the alert records a BLOCKED decision with its reason and inputs, and no order', async () => {
    const guarded = {
      tradingState: 'ACTIVE' as const,
      buyGuard: { env: false, file: false, api: true },
      exchangeHealth: 'HEALTHY' as const,
    };
    const { post, database } = await harness({ settings: { controls: () => guarded } });
    const prisma = database.prisma;

    await post(buyAlertBody('blocked-1'));

    const decision = await eventually(async () => (await prisma.decision.findFirst()) ?? undefined);
    expect(decision).toMatchObject({ outcome: 'BLOCKED', reasonCode: 'BUY_GUARD_ACTIVE', intent: 'ENTRY' });
    expect(decision.ruleInputs).toHaveProperty('risk');
    expect(await prisma.alert.findFirstOrThrow()).toMatchObject({
      status: 'PROCESSED',
      reason: 'BUY_GUARD_ACTIVE',
    });
    expect(await prisma.tradeRecord.count()).toBe(0);
  });

  it('when the exchange gives no price then the decision is BLOCKED PRICE_UNAVAILABLE (never a fallback price)', async () => {
    const { post, database, venue } = await harness();
    venue.exchange.faults.inject('fetchTicker', { type: 'reject', kind: 'TEMPORARY' });

    await post(buyAlertBody('no-price-1'));

    const decision = await eventually(async () => (await database.prisma.decision.findFirst()) ?? undefined);
    expect(decision).toMatchObject({ outcome: 'BLOCKED', reasonCode: 'PRICE_UNAVAILABLE' });
    expect(await database.prisma.tradeRecord.count()).toBe(0);
  });
});
