import { dec } from '@hookline/core';
import { ReadinessRegistry } from '@hookline/runtime';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { SYMBOL, useReconcileHarness } from './reconciler-harness.js';

describe('reconciler: holdings, readiness and the lease', () => {
  const harness = useReconcileHarness();

  it('when the ledger has lots the exchange does not hold and the exchange holds an unknown asset then both are reported and put in REDUCING', async () => {
    const { database, reconciler, reducing, ledgerOnlyBuy } = await harness({
      USD: dec('100000'),
      ETH: dec('2'),
    });
    await ledgerOnlyBuy('zombie-buy', '0.05');

    const report = await (await reconciler()).runOnce();

    expect(report.outcome).toBe('COMPLETED');
    expect(report.zombies).toEqual([
      { symbol: SYMBOL, asset: 'BTC', ledgerQuantity: '0.05', exchangeQuantity: '0' },
    ]);
    expect(report.unknownHoldings).toEqual([
      { symbol: 'ETH/USD', asset: 'ETH', ledgerQuantity: '0', exchangeQuantity: '2' },
    ]);
    const flagged = await reducing();
    expect(flagged.map((entry) => entry.symbol).sort()).toEqual(['BTC/USD', 'ETH/USD']);
    expect(flagged.find((entry) => entry.symbol === SYMBOL)?.reason).toContain('ZOMBIE_POSITION');
    expect(flagged.find((entry) => entry.symbol === 'ETH/USD')?.reason).toContain('UNKNOWN_HOLDING');
    expect(await database.prisma.fill.count()).toBe(1);
    expect(await database.prisma.tradeRecord.count()).toBe(1);
  });

  it('when the exchange holds only dust of an asset then nothing is reported', async () => {
    const { reconciler, reducing } = await harness({ USD: dec('100000'), ETH: dec('0.00005') });

    const report = await (await reconciler()).runOnce();

    expect(report.unknownHoldings).toEqual([]);
    expect(await reducing()).toEqual([]);
  });

  it('when the exchange fails at start-up then readiness stays red with the reason until a run succeeds', async () => {
    const { venue, reconciler } = await harness();
    venue.exchange.faults.inject('fetchOpenOrders', {
      type: 'reject',
      kind: 'TEMPORARY',
      message: 'maintenance',
    });
    const subject = await reconciler();
    const registry = new ReadinessRegistry();
    registry.register(subject.readiness);

    const before = await registry.report();
    const failed = await subject.runOnce();
    const red = await registry.report();

    expect(before.ready).toBe(false);
    expect(failed.outcome).toBe('FAILED');
    expect(failed.errors).toEqual([expect.objectContaining({ step: 'openOrders', code: 'TEMPORARY' })]);
    expect(subject.hasSucceeded()).toBe(false);
    expect(red.ready).toBe(false);
    expect(JSON.stringify(red.checks.reconciler?.detail)).toContain('TEMPORARY');
    expect(JSON.stringify(red.checks.reconciler?.detail)).toContain('REDUCING');

    const recovered = await subject.runOnce();

    expect(recovered.outcome).toBe('COMPLETED');
    expect((await registry.report()).ready).toBe(true);
    expect(subject.readiness.critical).toBe(false);
  });

  it('when two reconcilers share a lease then only one runs until the holder stops', async () => {
    const { venue, reconciler } = await harness();
    await venue.exchange.createOrder({
      type: 'LIMIT',
      clientOrderId: 'ui-order',
      symbol: SYMBOL,
      side: 'buy',
      amount: dec('0.01'),
      price: dec('59000'),
    });
    const first = await reconciler();
    const second = await reconciler();

    const reports = await Promise.all([first.runOnce(), second.runOnce()]);

    expect(reports.map((report) => report.outcome).sort()).toEqual(['COMPLETED', 'SKIPPED']);
    expect(reports.flatMap((report) => report.ordersImported)).toHaveLength(1);
    const holder = reports[0]?.outcome === 'COMPLETED' ? first : second;
    const other = holder === first ? second : first;
    // Once the holder has succeeded, the other replica counts that success (entries may start).
    expect((await other.runOnce()).outcome).toBe('SKIPPED');
    expect(other.hasSucceeded()).toBe(true);

    await holder.stop();

    expect((await other.runOnce()).outcome).toBe('COMPLETED');
  });

  it('when started then it reconciles at once and keeps the lease until stopped', async () => {
    const { reconciler, reports } = await harness();
    const subject = await reconciler({ leaseTtlMs: 300 });

    subject.start(60_000);
    await eventually(async () => subject.hasSucceeded(), {
      timeoutMs: 5_000,
      what: 'the first reconciliation',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect((await (await reconciler()).runOnce()).outcome).toBe('SKIPPED');
    await subject.stop();
    expect((await (await reconciler()).runOnce()).outcome).toBe('COMPLETED');
    expect(reports[0]?.outcome).toBe('COMPLETED');
  });
});
