import { dec } from '@hookline/core';
import { storeOf } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { plain } from '../../../../../test/support/plain-decimal.js';
import { summarizeExit } from '../../../src/exits/executor/exit-executor.js';
import { SYMBOL, useExitHarness } from '../exit-harness.js';

describe('exit executor: the hard stop ladder', () => {
  const harness = useExitHarness();

  // The rest goes at an IOC at the floor (55 000 less the 3 % cap = 53 350), or MARKET when allowed:
  // either reaches the last two levels, well within the cap.
  it.each<[boolean, string, string | undefined]>([
    [false, 'LIMIT', '53350'],
    [true, 'MARKET', undefined],
  ])(
    'when the market gaps down then the hard stop takes the bid, walks the IOC ladder down and sells the rest (market allowed: %s) with %s',
    async (allowMarket, lastType, lastPrice) => {
      const { buy, exits, venue, settle, exitOrders, position, prisma } = await harness({
        settings: { allowMarket },
      });
      await buy('0.02');
      // The gap: bid 55 000 with 0.002 BTC a level, levels 2 bps (11 USD) apart: 55 000, 54 989, ..., 54 901.
      venue.quote('55000', '55000.01', '0.002');

      const started = await exits.start({
        symbol: SYMBOL,
        reason: 'HARD_STOP',
        positionAmount: dec('0.02'),
        ruleInputs: { pnlPct: '-8.3' },
      });
      await settle();

      // Each IOC is answered at once, so start() walked the whole ladder and the market order in one
      // go (not a rung per sweep): nothing is left for the next sweep.
      expect(started.kind).toBe('STARTED');
      expect(await exits.advance()).toEqual([]);
      const orders = await exitOrders(started.decisionId);
      expect(
        orders.map((order) => [order.orderType, order.timeInForce, plain(order.price), order.status]),
      ).toEqual([
        ['LIMIT', 'IOC', '55000', 'EXPIRED'],
        ['LIMIT', 'IOC', '54972.5', 'EXPIRED'],
        ['LIMIT', 'IOC', '54945', 'EXPIRED'],
        ['LIMIT', 'IOC', '54917.5', 'EXPIRED'],
        [lastType, 'IOC', lastPrice, 'FILLED'],
      ]);
      // IOC at the bid gets only the top level; each rung reaches the levels down to its price.
      expect(orders.map((order) => plain(order.filledSize))).toEqual([
        '0.002',
        '0.004',
        '0.006',
        '0.004',
        '0.004',
      ]);
      expect(orders.map((order) => plain(order.size))).toEqual(['0.02', '0.018', '0.014', '0.008', '0.004']);
      expect(orders.every((order) => order.exitReason === 'HARD_STOP' && order.trigger === 'EXIT')).toBe(
        true,
      );
      const summary = await summarizeExit(storeOf(prisma), started.decisionId);
      expect(summary).toMatchObject({ status: 'SOLD', reason: 'HARD_STOP' });
      expect(plain(summary.filledAmount)).toBe('0.02');
      // Volume-weighted over the ten levels: 55 000 − 11 × (0 + 1 + … + 9) / 10 = 54 950.5.
      expect(plain(summary.averagePrice)).toBe('54950.5');
      expect(await position()).toBe('0');
    },
  );

  it('when the first IOC fills everything then the hard stop ends without another order', async () => {
    const { buy, exits, settle, exitOrders, prisma } = await harness();
    await buy('0.01'); // the default book holds 0.5 BTC at the bid

    const started = await exits.start({
      symbol: SYMBOL,
      reason: 'HARD_STOP',
      positionAmount: dec('0.01'),
      ruleInputs: {},
    });
    await settle();

    expect(await exits.advance()).toEqual([]); // finished inside start(): nothing left to drive
    expect((await exitOrders(started.decisionId)).map((order) => order.status)).toEqual(['FILLED']);
    expect(await summarizeExit(storeOf(prisma), started.decisionId)).toMatchObject({ status: 'SOLD' });
  });
});
