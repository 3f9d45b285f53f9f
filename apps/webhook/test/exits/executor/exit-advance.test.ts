import { dec } from '@hookline/core';
import { storeOf } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { plain } from '../../../../../test/support/plain-decimal.js';
import { type ExitProgress, summarizeExit } from '../../../src/exits/executor/exit-executor.js';
import { SYMBOL, useExitHarness } from '../exit-harness.js';

const ruleInputs = { rule: 'test' };

describe('exit executor: driving a LIMIT exit', () => {
  const harness = useExitHarness();

  it('when the bid reaches the exit LIMIT then it fills and the next advance finishes the exit as SOLD', async () => {
    const { buy, exits, venue, settle, position, prisma } = await harness();
    await buy('0.01');
    const started = await exits.start({
      symbol: SYMBOL,
      reason: 'TAKE_PROFIT',
      positionAmount: dec('0.01'),
      ruleInputs,
    });
    expect(await exits.advance()).toMatchObject([{ kind: 'WORKING', symbol: SYMBOL }]);

    venue.quote('60006', '60006.01');
    await settle();
    const progress = await exits.advance();

    expect(progress).toMatchObject([{ kind: 'FINISHED', outcome: 'SOLD', decisionId: started.decisionId }]);
    const summary = await summarizeExit(storeOf(prisma), started.decisionId);
    expect(summary.status).toBe('SOLD');
    expect(plain(summary.filledAmount)).toBe('0.01');
    expect(plain(summary.averagePrice)).toBe('60006');
    expect(await position()).toBe('0');
    expect(await exits.activeExitSymbols()).toEqual(new Set());
    expect(await exits.advance()).toEqual([]);
  });

  // The last rung: an IOC at the floor (bid 60 000 less the 1 % cap = 59 400), or MARKET when allowed;
  // either takes the nine levels left (down to 59 892, within the cap).
  it.each<[boolean, string, string, string | undefined]>([
    [false, 'IOC at floor', 'LIMIT', '59400'],
    [true, 'MARKET', 'MARKET', undefined],
  ])(
    'when an exit LIMIT is not filled within its timeout then it is re-priced, then escalated to IOC at the bid, then (market allowed: %s) %s',
    async (allowMarket, lastStep, lastType, lastPrice) => {
      const { buy, exits, venue, settle, exitOrders, position, prisma, settings } = await harness({
        settings: { allowMarket },
      });
      await buy('0.01');
      venue.quote('60000', '60000.01', '0.001'); // a thin book from now on: 0.001 BTC a level
      const started = await exits.start({
        symbol: SYMBOL,
        reason: 'SOFT_STOP',
        positionAmount: dec('0.01'),
        ruleInputs,
      });
      const steps: ExitProgress[] = [];

      for (let sweep = 0; sweep < 3; sweep += 1) {
        venue.clock.advance(settings.timeoutMs);
        venue.quote('60000', '60000.01', '0.001');
        steps.push(...(await exits.advance()));
      }
      await settle();

      // The IOC is answered at once, so the same sweep goes on to the last rung and sees the exit sold.
      expect(steps.map((step) => (step.kind === 'ORDER_PLACED' ? step.step : step.kind))).toEqual([
        'LIMIT 2/3',
        'LIMIT 3/3',
        'IOC at bid',
        lastStep,
        'FINISHED',
      ]);
      const market = steps[3];
      expect(market).toMatchObject({ kind: 'ORDER_PLACED', step: lastStep, attempt: 4 });
      expect(plain(market?.kind === 'ORDER_PLACED' ? market.amount : undefined)).toBe('0.009');
      expect(steps[4]).toMatchObject({ kind: 'FINISHED', outcome: 'SOLD' });
      expect(await exits.advance()).toEqual([]);
      const orders = await exitOrders(started.decisionId);
      expect(
        orders.map((order) => [order.orderType, order.timeInForce, plain(order.price), order.status]),
      ).toEqual([
        ['LIMIT', 'GTC', '60006', 'CANCELED'],
        ['LIMIT', 'GTC', '60006', 'CANCELED'],
        ['LIMIT', 'GTC', '60006', 'CANCELED'],
        ['LIMIT', 'IOC', '60000', 'EXPIRED'],
        [lastType, 'IOC', lastPrice, 'FILLED'],
      ]);
      expect(orders[0]?.statusReason).toContain('exit re-price');
      expect(orders.map((order) => plain(order.filledSize))).toEqual(['0', '0', '0', '0.001', '0.009']);
      expect(orders.every((order) => order.exitReason === 'SOFT_STOP' && order.trigger === 'EXIT')).toBe(
        true,
      );
      expect(await position()).toBe('0');
      expect((await summarizeExit(storeOf(prisma), started.decisionId)).orders).toHaveLength(5);
    },
  );

  it('when an exit fills partly over two attempts then summarizeExit adds sizes and fees and weights the price', async () => {
    const { buy, exits, venue, settle, prisma, settings } = await harness();
    await buy('0.01');
    const started = await exits.start({
      symbol: SYMBOL,
      reason: 'SOFT_STOP',
      positionAmount: dec('0.01'),
      ruleInputs,
    });
    venue.quote('60006', '60006.01', '0.004'); // 0.004 of the LIMIT at 60 006 fills
    await settle();
    venue.clock.advance(settings.timeoutMs);
    venue.quote('59990', '59990.01'); // the rest is re-priced at 59 990 × 1.0001 → 59 996
    const [repriced] = await exits.advance();
    venue.quote('59996', '59996.01');
    await settle();
    const [finished] = await exits.advance();

    expect(repriced).toMatchObject({ kind: 'ORDER_PLACED', attempt: 1 });
    expect(plain(repriced?.kind === 'ORDER_PLACED' ? repriced.amount : undefined)).toBe('0.006');
    expect(finished).toMatchObject({ kind: 'FINISHED', outcome: 'SOLD' });
    const summary = await summarizeExit(storeOf(prisma), started.decisionId);
    expect(
      summary.orders.map((order) => [plain(order.filledSize), plain(order.avgFillPrice), order.status]),
    ).toEqual([
      ['0.004', '60006', 'CANCELED'],
      ['0.006', '59996', 'FILLED'],
    ]);
    expect(plain(summary.filledAmount)).toBe('0.01');
    // (0.004 × 60 006 + 0.006 × 59 996) / 0.01; maker fees 0.4 % of each notional.
    expect(plain(summary.averagePrice)).toBe('60000');
    expect(plain(summary.proceeds)).toBe('600');
    expect(plain(summary.feesUsd)).toBe('2.4');
  });

  it('when a partial fill is not in the ledger yet and the exchange holds more than the position then the re-price sells only the rest', async () => {
    const { buy, exits, venue, pipeline, exitOrders, settings } = await harness({
      initialBalances: { USD: dec('100000'), BTC: dec('1') },
    });
    await buy('0.01');
    const started = await exits.start({
      symbol: SYMBOL,
      reason: 'SOFT_STOP',
      positionAmount: dec('0.01'),
      ruleInputs,
    });
    await pipeline.fills.stop(); // the fill stream is down: the ledger still shows 0.01 and nothing sold
    venue.quote('60006', '60006.01', '0.004');
    venue.clock.advance(settings.timeoutMs);
    venue.quote('59990', '59990.01');

    const [repriced] = await exits.advance();

    // Available is 1.006 and the lots say 0.01; the exchange's filled 0.004 of the first order counts.
    expect(repriced).toMatchObject({ kind: 'ORDER_PLACED', attempt: 1 });
    expect(plain(repriced?.kind === 'ORDER_PLACED' ? repriced.amount : undefined)).toBe('0.006');
    const orders = await exitOrders(started.decisionId);
    expect(orders.map((order) => [plain(order.filledSize), order.status])).toEqual([
      ['0', 'CANCELED'],
      ['0', 'OPEN'],
    ]);
  });

  it('when the exit order outcome is unknown and it never reached the venue then the next advance sends it once with the same id', async () => {
    const { buy, exits, venue, exitOrders } = await harness();
    await buy('0.01');
    venue.exchange.faults.inject('createOrder', { type: 'timeout', placed: false });

    const started = await exits.start({
      symbol: SYMBOL,
      reason: 'SOFT_STOP',
      positionAmount: dec('0.01'),
      ruleInputs,
    });
    const [before] = await exitOrders(started.decisionId);
    const progress = await exits.advance();

    expect(started.kind).toBe('STARTED');
    expect(before?.status).toBe('SUBMITTED');
    expect(progress).toMatchObject([{ kind: 'WORKING' }]);
    const orders = await exitOrders(started.decisionId);
    expect(orders.map((order) => order.status)).toEqual(['OPEN']);
    expect(venue.ordersWith(orders[0]?.clientOrderId ?? '')).toBe(1);
  });

  it('when trading is HALTED during a soft stop then the re-price waits and resumes once trading is ACTIVE', async () => {
    const { buy, exits, venue, setControls, settings } = await harness();
    await buy('0.01');
    await exits.start({ symbol: SYMBOL, reason: 'SOFT_STOP', positionAmount: dec('0.01'), ruleInputs });
    setControls({ tradingState: 'HALTED' });
    venue.clock.advance(settings.timeoutMs);
    venue.quote('60000', '60000.01');

    const halted = await exits.advance();
    setControls({ tradingState: 'ACTIVE' });
    const resumed = await exits.advance();

    expect(halted).toMatchObject([{ kind: 'WAITING', code: 'TRADING_HALTED' }]);
    expect(resumed).toMatchObject([{ kind: 'ORDER_PLACED', attempt: 1 }]);
  });
});
