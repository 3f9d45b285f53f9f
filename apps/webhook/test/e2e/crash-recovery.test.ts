import type { ExchangePort } from '@hookline/exchange';
import { readOpenPositions, storeOf } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { buyAlertBody, useTradingHarness, withOverrides } from '../support/trading-harness.js';

/**
 * The worker process dies at its create request: before the request leaves, or after it was sent and
 * before the answer. A dead process does nothing more: no lookup, no stream, no backfill.
 */
function crashing(when: 'before-request' | 'after-request') {
  const dead = async (): Promise<never> => {
    throw new Error('worker process killed');
  };
  return (exchange: ExchangePort): ExchangePort =>
    withOverrides(exchange, {
      createOrder: async (request) => {
        if (when === 'after-request') await exchange.createOrder(request);
        return await dead();
      },
      fetchOrder: dead,
      fetchFillsSince: dead,
      subscribeUserEvents: () => () => undefined,
    });
}

function venueOrderCount(snapshot: unknown): number {
  return (snapshot as { orders: unknown[] }).orders.length;
}

describe('crash recovery: a restarted worker neither duplicates an order nor loses a fill', () => {
  const harness = useTradingHarness();

  it('when the worker dies between the intent and the request then the new worker sends it once', async () => {
    const first = await harness({ wrapExchange: crashing('before-request') });
    const { database, venue } = first;

    await first.post(buyAlertBody('crash-before-send'));
    const intent = await eventually(async () => {
      const found = await database.prisma.tradeRecord.findFirst();
      return found?.status === 'SUBMITTED' ? found : undefined;
    });
    expect(venueOrderCount(venue.exchange.snapshot())).toBe(0);
    await first.pipeline.stop();

    await first.restart();

    const row = await eventually(async () => {
      const found = await database.prisma.tradeRecord.findFirst({ include: { fills: true } });
      return found?.status === 'FILLED' && found.fills.length === 1 ? found : undefined;
    }, 15_000);
    expect(row.clientOrderId).toBe(intent.clientOrderId);
    expect(venueOrderCount(venue.exchange.snapshot())).toBe(1);
    expect(await database.prisma.tradeRecord.count()).toBe(1);
  });

  it('when the worker dies between the submit and the fill then the new worker finds the order and records its fill once', async () => {
    // 10 bps under the ask: the order rests, and fills only after the crash.
    const first = await harness({ settings: { offsetBps: 10 }, wrapExchange: crashing('after-request') });
    const { database, venue } = first;

    await first.post(buyAlertBody('crash-before-fill'));
    const intent = await eventually(async () => {
      const found = await database.prisma.tradeRecord.findFirst();
      return found?.status === 'SUBMITTED' ? found : undefined;
    });
    await first.pipeline.stop();
    // The market comes down through the order while no worker and no stream consumer runs.
    venue.quote('59900', '59900.01');
    expect(venueOrderCount(venue.exchange.snapshot())).toBe(1);

    const second = (await first.restart()).pipeline;
    await second.fills.idle();

    const row = await eventually(async () => {
      const found = await database.prisma.tradeRecord.findFirst({ include: { fills: true } });
      return found?.status === 'FILLED' && found.fills.length === 1 ? found : undefined;
    }, 15_000);
    expect(row.clientOrderId).toBe(intent.clientOrderId);
    expect(row.fills[0]?.ingestVia).toBe('REST');
    expect(venueOrderCount(venue.exchange.snapshot())).toBe(1);
    expect(await database.prisma.tradeRecord.count()).toBe(1);
    // Replaying the whole REST history changes nothing.
    await second.fills.backfill();
    expect(await database.prisma.fill.count()).toBe(1);
    const positions = await readOpenPositions(storeOf(database.prisma), { account: 'default' });
    expect(positions.map((position) => position.amount.toString())).toEqual([row.size.toString()]);
  });
});
