// Exits held at their price cap, through the real exit path: paper venue, real Postgres and Redis.
// The paper book is 10 levels a side, 2 bps apart, each holding the quote's size.
import { dec, type ExitReason } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import { createLogger } from '@hookline/runtime';
import { storeOf } from '@hookline/store';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { plain } from '../../../../../test/support/plain-decimal.js';
import { summarizeExit } from '../../../src/exits/executor/exit-executor.js';
import { createMetricsRegistry } from '../../../src/metrics/metrics-registry.js';
import type { PaperVenue } from '../../support/trading-harness.js';
import { SYMBOL, useExitHarness } from '../exit-harness.js';

const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
afterAll(async () => {
  await redis.quit();
});

/** The exit-price-cap metrics as /metrics reports them: episodes and exits held now, per exit reason. */
async function capMetrics(prisma: PrismaClient, venue: PaperVenue, reason: ExitReason) {
  const registry = createMetricsRegistry({
    account: 'default',
    store: storeOf(prisma),
    redis,
    clock: venue.clock,
    exchange: venue.exchange,
  });
  const sampleOf = async (name: string) => {
    const metric = await registry.getSingleMetric(name)?.get();
    return metric?.values.find((sample) => sample.labels.reason === reason)?.value;
  };
  return {
    episodes: await sampleOf('hookline_exit_price_capped_total'),
    held: await sampleOf('hookline_exits_held_at_cap'),
  };
}

async function cappedDecisions(prisma: PrismaClient, exitReason: ExitReason) {
  return await prisma.decision.findMany({
    where: { reasonCode: 'EXIT_PRICE_CAPPED', exitReason },
    orderBy: { createdAt: 'asc' },
  });
}

describe('exit executor: the price cap', () => {
  const harness = useExitHarness();

  it('when the bid gaps through the hard stop into a thin book then the exit is held at its floor, recorded once, and sells when the price comes back within the cap', async () => {
    const logs: Array<Record<string, unknown>> = [];
    const logger = createLogger(
      { level: 'info', service: 'test' },
      {
        write: (line: string) => {
          logs.push(JSON.parse(line) as Record<string, unknown>);
        },
      },
    );
    const { buy, exits, newExits, venue, settle, exitOrders, position, prisma } = await harness({ logger });
    await buy('0.02');
    const before = await capMetrics(prisma, venue, 'HARD_STOP');
    // The hard stop fires at 57 000 into a thin book: 0.001 BTC a level, 57 000 down to 56 897.40.
    venue.quote('57000', '57000.01', '0.001');
    const started = await exits.start({
      symbol: SYMBOL,
      reason: 'HARD_STOP',
      positionAmount: dec('0.02'),
      ruleInputs: { pnlPct: '-5.0' },
    });
    await settle();

    // The ladder and one IOC at the floor (57 000 less 3 % = 55 290) take the whole book: 0.01 sold.
    const floor = dec('55290');
    const afterLadder = await exitOrders(started.decisionId);
    expect(
      afterLadder.map((order) => [order.timeInForce, plain(order.price), plain(order.filledSize)]),
    ).toEqual([
      ['IOC', '57000', '0.001'],
      ['IOC', '56971.5', '0.002'],
      ['IOC', '56943', '0.003'],
      ['IOC', '56914.5', '0.002'],
      ['IOC', '55290', '0.002'],
    ]);
    const decision = await prisma.decision.findUniqueOrThrow({ where: { decisionId: started.decisionId } });
    expect(decision.ruleInputs).toMatchObject({ exit: { referencePrice: '57000' } });

    // The gap: the bid 10 % below the hard stop, a deep book there.
    venue.quote('51300', '51300.01');
    const held = await exits.advance();
    venue.quote('51250', '51250.01');
    const stillHeld = await exits.advance();
    // A restarted process inside the episode does not record it again.
    const restarted = await newExits();
    venue.quote('51200', '51200.01');
    const heldAfterRestart = await restarted.advance();

    for (const step of [...held, ...stillHeld, ...heldAfterRestart]) {
      expect(step).toMatchObject({
        kind: 'WAITING',
        code: 'EXIT_PRICE_CAPPED',
        decisionId: started.decisionId,
      });
    }
    expect(held).toHaveLength(1);
    expect((await exitOrders(started.decisionId)).length).toBe(5); // nothing sent below the floor
    const capped = await cappedDecisions(prisma, 'HARD_STOP');
    expect(capped).toHaveLength(1);
    expect(capped[0]).toMatchObject({ outcome: 'BLOCKED', intent: 'EXIT', side: 'SELL', symbol: SYMBOL });
    expect(capped[0]?.ruleInputs).toMatchObject({
      exitDecisionId: started.decisionId,
      attempt: 5,
      book: { bid: '51300', ask: '51300.01', floor: '55290', reference: '57000', maxSlippagePct: '3' },
      remaining: '0.01',
    });
    // The operator's alert: one error event for the episode, with the book.
    const alerts = logs.filter((line) => line.event === 'exit_price_capped');
    expect(alerts).toEqual([
      expect.objectContaining({
        level: 50,
        decisionId: started.decisionId,
        cappedDecisionId: capped[0]?.decisionId,
        reason: 'HARD_STOP',
        bid: '51300',
        floor: '55290',
        reference: '57000',
      }),
    ]);
    const whileHeld = await capMetrics(prisma, venue, 'HARD_STOP');
    expect(whileHeld.episodes).toBe((before.episodes ?? 0) + 1);
    expect(whileHeld.held).toBe(1);
    expect(await position()).toBe('0.01');

    // The price comes back within the cap: the next sweep sells the rest at or above the floor.
    venue.quote('56000', '56000.01');
    const resumed = await restarted.advance();
    await settle();

    expect(resumed.map((step) => step.kind)).toEqual(['ORDER_PLACED', 'FINISHED']);
    expect(resumed[0]).toMatchObject({ step: 'IOC at floor', attempt: 5 });
    const orders = await exitOrders(started.decisionId);
    expect(
      orders.slice(5).map((order) => [order.orderType, order.timeInForce, plain(order.price), order.status]),
    ).toEqual([['LIMIT', 'IOC', '55290', 'FILLED']]);
    expect(plain(orders[5]?.avgFillPrice)).toBe('56000');
    for (const order of orders) {
      expect(order.orderType).toBe('LIMIT');
      expect(dec(order.price?.toString() ?? '0').greaterThanOrEqualTo(floor)).toBe(true);
      if (order.avgFillPrice !== null)
        expect(dec(order.avgFillPrice.toString()).greaterThanOrEqualTo(floor)).toBe(true);
    }
    expect(await summarizeExit(storeOf(prisma), started.decisionId)).toMatchObject({ status: 'SOLD' });
    expect(await position()).toBe('0');
    const afterwards = await capMetrics(prisma, venue, 'HARD_STOP');
    expect(afterwards).toEqual({ episodes: (before.episodes ?? 0) + 1, held: 0 });
    const exitInputs = (
      await prisma.decision.findUniqueOrThrow({ where: { decisionId: started.decisionId } })
    ).ruleInputs as Record<string, unknown>;
    expect(exitInputs.priceCap).toBeUndefined();
    expect(logs.filter((line) => line.event === 'exit_price_cap_released')).toEqual([
      expect.objectContaining({ level: 30, decisionId: started.decisionId, bid: '56000' }),
    ]);
  });

  it('when market orders are allowed and the bid gaps beyond the cap then the next rung is a MARKET order instead of a wait', async () => {
    const { buy, exits, venue, settle, exitOrders, position, prisma, settings } = await harness({
      settings: { allowMarket: true },
    });
    await buy('0.01');
    const started = await exits.start({
      symbol: SYMBOL,
      reason: 'TRAILING_STOP',
      positionAmount: dec('0.01'),
      ruleInputs: {},
    });
    venue.clock.advance(settings.timeoutMs);
    venue.quote('51300', '51300.01'); // 14.5 % below the reference 60 000, the cap is 1 %
    const steps = await exits.advance();
    await settle();

    expect(steps.map((step) => step.kind)).toEqual(['ORDER_PLACED', 'FINISHED']);
    const orders = await exitOrders(started.decisionId);
    expect(orders.map((order) => [order.orderType, plain(order.price), order.status])).toEqual([
      ['LIMIT', '60006', 'CANCELED'],
      ['MARKET', undefined, 'FILLED'],
    ]);
    expect(plain(orders[1]?.avgFillPrice)).toBe('51300');
    expect(await position()).toBe('0');
    expect(await cappedDecisions(prisma, 'TRAILING_STOP')).toEqual([]);
  });

  it.each<[ExitReason, string, number]>([
    ['SOFT_STOP', '59400', 40], // a warning
    ['EMERGENCY', '58200', 50], // an error, as for the hard stop
  ])(
    'when a %s exit sees the bid below its floor %s then it waits without an order, records the book once and alerts at log level %i',
    async (reason, floorText, level) => {
      const logs: Array<Record<string, unknown>> = [];
      const logger = createLogger(
        { level: 'info', service: 'test' },
        {
          write: (line: string) => {
            logs.push(JSON.parse(line) as Record<string, unknown>);
          },
        },
      );
      const { buy, exits, venue, settle, exitOrders, prisma } = await harness({ logger });
      await buy('0.02');
      // First a LIMIT resting at 60 006 (soft stop), or the IOC ladder and one IOC at the floor taking
      // the thin book's 0.01 (flatten).
      venue.quote('60000', '60000.01', '0.001');
      const started = await exits.start({
        symbol: SYMBOL,
        reason,
        positionAmount: dec('0.02'),
        ruleInputs: {},
      });
      await settle();
      venue.clock.advance(60_000); // past the LIMIT's timeout: it is canceled, the next rung is due
      venue.quote(dec(floorText).minus('0.01').toString(), dec(floorText).toString());
      await exits.advance(); // cancels the resting LIMIT (soft stop) or waits (flatten)
      const second = await exits.advance();
      const sent = (await exitOrders(started.decisionId)).length;
      await exits.advance();

      expect(second).toMatchObject([{ kind: 'WAITING', code: 'EXIT_PRICE_CAPPED' }]);
      expect((await exitOrders(started.decisionId)).length).toBe(sent);
      const capped = await cappedDecisions(prisma, reason);
      expect(capped).toHaveLength(1);
      expect(capped[0]?.ruleInputs).toMatchObject({ book: { floor: floorText, reference: '60000' } });
      expect(logs.filter((line) => line.event === 'exit_price_capped')).toEqual([
        expect.objectContaining({ level, reason, floor: floorText }),
      ]);
    },
  );
});
