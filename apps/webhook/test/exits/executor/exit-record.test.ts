import { dec, sum } from '@hookline/core';
import { readExit, storeOf } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { plain } from '../../../../../test/support/plain-decimal.js';
import { type ExitsUnderTest, SYMBOL, useExitHarness } from '../exit-harness.js';

// The exits row of an exit driven by the real executor against the paper venue, from start to SOLD:
// its orders, fills, fees and realised P&L must be what the ledger's rows of that exit say.
const cases: ReadonlyArray<{
  readonly name: string;
  readonly reason: 'TAKE_PROFIT' | 'SOFT_STOP';
  readonly drive: (h: ExitsUnderTest) => Promise<void>;
  readonly orders: number;
  readonly averagePrice: string;
}> = [
  {
    name: 'one LIMIT that fills',
    reason: 'TAKE_PROFIT',
    drive: async ({ venue, settle, exits }) => {
      venue.quote('60006', '60006.01');
      await settle();
      await exits.advance();
    },
    orders: 1,
    averagePrice: '60006',
  },
  {
    name: 'a LIMIT filled partly, then its re-price',
    reason: 'SOFT_STOP',
    drive: async ({ venue, settle, exits, settings }) => {
      venue.quote('60006', '60006.01', '0.004');
      await settle();
      venue.clock.advance(settings.timeoutMs);
      venue.quote('59990', '59990.01');
      await exits.advance();
      venue.quote('59996', '59996.01');
      await settle();
      await exits.advance();
    },
    orders: 2,
    averagePrice: '60000',
  },
];

describe('the exits table through the real exit path', () => {
  const harness = useExitHarness();

  it.each(cases)(
    'when an exit goes from start to SOLD through $name then its row adds up its fills, fees and FIFO P&L',
    async ({ reason, drive, orders, averagePrice }) => {
      const h = await harness();
      await h.buy('0.01');
      const bidAtStart = (await h.venue.exchange.fetchTicker(SYMBOL)).bid;
      const started = await h.exits.start({
        symbol: SYMBOL,
        reason,
        positionAmount: dec('0.01'),
        ruleInputs: { pnlPct: '1.5' },
      });
      if (started.kind !== 'STARTED') throw new Error(`exit not started: ${started.code}`);
      const working = await readExit(storeOf(h.prisma), started.decisionId);

      await drive(h);

      expect(working).toMatchObject({ outcome: 'WORKING', finishedAt: null, filledAmount: '0' });
      const exit = await readExit(storeOf(h.prisma), started.decisionId);
      const fills = await h.prisma.fill.findMany({
        where: { tradeRecord: { decisionId: started.decisionId } },
      });
      const allocations = await h.prisma.fifoAllocation.findMany({
        where: { sellFillId: { in: fills.map((fill) => fill.id) } },
      });
      expect(allocations.length).toBeGreaterThan(0);
      expect(exit).toMatchObject({
        id: started.decisionId,
        symbol: SYMBOL,
        trigger: 'SENTINEL',
        exitReason: reason,
        ruleInputs: { pnlPct: '1.5' },
        referencePrice: bidAtStart.toFixed(),
        targetAmount: '0.01',
        outcome: 'SOLD',
        orders,
        filledAmount: '0.01',
        averagePrice,
      });
      expect(exit?.finishedAt).toEqual(expect.any(Date));
      expect(exit?.orderRows).toHaveLength(orders);
      expect(exit?.fills.map((fill) => fill.id).sort()).toEqual(fills.map((fill) => fill.id).sort());
      expect(plain(exit?.feesUsd)).toBe(plain(sum(fills.map((fill) => dec(String(fill.feeUsd))))));
      expect(plain(exit?.realizedPnlUsd)).toBe(
        plain(sum(allocations.map((allocation) => dec(allocation.pnlUsd.toString())))),
      );
      // The ledger's own P&L of the exit's orders (trade_records.pnl_usd) says the same.
      const pnlOfOrders = sum(
        (exit?.orderRows ?? []).map((order) => dec(order.pnlUsd === null ? '0' : order.pnlUsd.toString())),
      );
      expect(plain(exit?.realizedPnlUsd)).toBe(plain(pnlOfOrders));
    },
  );

  it('when an exit is refused then it has no exits row (only its decision says why)', async () => {
    const h = await harness();
    const refused = await h.exits.start({
      symbol: SYMBOL,
      reason: 'SOFT_STOP',
      positionAmount: dec('0.01'),
      ruleInputs: {},
    });

    expect(refused.kind).toBe('NOT_SOLD');
    expect(await readExit(storeOf(h.prisma), refused.decisionId)).toBeUndefined();
  });
});
