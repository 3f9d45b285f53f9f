import { type Decimal, HooklineError, sum } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { type Allocation, FifoEngine, recompute } from '../src/index.js';
import { fills, lotStrings, money } from './support/fills.js';

describe('FIFO matching', () => {
  it('when a sell spans two lots then the oldest is consumed first and each slice carries its fees', () => {
    const ledger = recompute(
      fills(
        { id: 'b1', side: 'buy', size: '1', price: '100', fee: '1' },
        { id: 'b2', side: 'buy', size: '1', price: '200', fee: '2' },
        { id: 's1', side: 'sell', size: '1.5', price: '300', fee: '3' },
      ),
    );

    expect(ledger.allocations.map(money)).toEqual([
      {
        key: 's1#0',
        kind: 'SELL',
        buy: 'b1',
        size: '1',
        buyFee: '1',
        sellFee: '2',
        cost: '101',
        proceeds: '300',
        net: '298',
        pnl: '197',
      },
      {
        key: 's1#1',
        kind: 'SELL',
        buy: 'b2',
        size: '0.5',
        buyFee: '1',
        sellFee: '1',
        cost: '101',
        proceeds: '150',
        net: '149',
        pnl: '48',
      },
    ]);
    expect(ledger.lots.map(lotStrings)).toEqual([
      { buy: 'b2', remaining: '0.5', remainingFee: '1', feesPerUnit: '2' },
    ]);
    expect(ledger.warnings).toEqual([]);
  });

  it('when two buys share a second then the arrival sequence decides, not the input order', () => {
    const at = '2024-05-01T12:00:00Z';
    const ledger = recompute(
      fills(
        { id: 'late', side: 'buy', size: '1', price: '100', at, sequence: 2 },
        { id: 'early', side: 'buy', size: '1', price: '200', at, sequence: 1 },
        { id: 's', side: 'sell', size: '1', price: '300', at: '2024-05-01T12:00:01Z', sequence: 3 },
      ),
    );

    expect(ledger.allocations.map((allocation) => allocation.buyFillId)).toEqual(['early']);
  });

  it('when same-second fills also share a sequence then they keep their input order', () => {
    const at = '2024-05-01T12:00:00Z';
    const ledger = recompute(
      fills(
        { id: 'first', side: 'buy', size: '1', price: '100', at, sequence: 7 },
        { id: 'second', side: 'buy', size: '1', price: '200', at, sequence: 7 },
        { id: 's', side: 'sell', size: '1.5', price: '300', at, sequence: 7 },
      ),
    );

    expect(
      ledger.allocations.map((allocation) => [allocation.buyFillId, allocation.allocatedSize.toFixed()]),
    ).toEqual([
      ['first', '1'],
      ['second', '0.5'],
    ]);
  });

  it('when ten small lots go into one sell then every slice and the totals are exact', () => {
    const buys = Array.from({ length: 10 }, (_, index) => ({
      id: `b${index}`,
      side: 'buy' as const,
      size: '0.1',
      price: String(100 + index),
      fee: '0.01',
    }));
    const ledger = recompute(fills(...buys, { id: 's', side: 'sell', size: '1', price: '200', fee: '1' }));

    expect(
      ledger.allocations.map(money).map((row) => [row.buy, row.cost, row.sellFee, row.net, row.pnl]),
    ).toEqual([
      ['b0', '10.01', '0.1', '19.9', '9.89'],
      ['b1', '10.11', '0.1', '19.9', '9.79'],
      ['b2', '10.21', '0.1', '19.9', '9.69'],
      ['b3', '10.31', '0.1', '19.9', '9.59'],
      ['b4', '10.41', '0.1', '19.9', '9.49'],
      ['b5', '10.51', '0.1', '19.9', '9.39'],
      ['b6', '10.61', '0.1', '19.9', '9.29'],
      ['b7', '10.71', '0.1', '19.9', '9.19'],
      ['b8', '10.81', '0.1', '19.9', '9.09'],
      ['b9', '10.91', '0.1', '19.9', '8.99'],
    ]);
    const total = (pick: (row: Allocation) => Decimal) => sum(ledger.allocations.map(pick)).toFixed();
    expect([
      total((row) => row.costBasisUsd),
      total((row) => row.netProceedsUsd),
      total((row) => row.pnlUsd),
    ]).toEqual(['104.6', '199', '94.4']);
    expect(ledger.lots).toEqual([]);
  });

  it('when a position is fully liquidated and bought again then the new lot starts clean', () => {
    const ledger = recompute(
      fills(
        { id: 'b1', side: 'buy', size: '1', price: '100' },
        { id: 's1', side: 'sell', size: '1', price: '150' },
        { id: 'b2', side: 'buy', size: '2', price: '120' },
        { id: 's2', side: 'sell', size: '0.5', price: '130' },
      ),
    );

    expect(
      ledger.allocations.map(money).map((row) => [row.key, row.buy, row.cost, row.proceeds, row.pnl]),
    ).toEqual([
      ['s1#0', 'b1', '100', '150', '50'],
      ['s2#0', 'b2', '60', '65', '5'],
    ]);
    expect(ledger.lots.map(lotStrings)).toEqual([
      { buy: 'b2', remaining: '1.5', remainingFee: '0', feesPerUnit: '0' },
    ]);
  });

  it('when fills of one account trade the asset against USD and USDC then they share its lots', () => {
    const ledger = recompute(
      fills(
        { id: 'b', side: 'buy', size: '1', price: '100', symbol: 'BTC/USD' },
        { id: 's', side: 'sell', size: '1', price: '110', symbol: 'BTC/USDC' },
        { id: 'other', side: 'sell', size: '1', price: '110', account: 'other' },
      ),
    );

    expect(
      ledger.allocations.map((row) => [row.sellFillId, row.symbol, row.asset, row.kind, row.buyFillId]),
    ).toEqual([
      ['s', 'BTC/USDC', 'BTC', 'SELL', 'b'],
      ['other', 'BTC/USD', 'BTC', 'SHORTFALL', null],
    ]);
  });
});

describe('incremental engine', () => {
  const sequence = fills(
    { id: 'b1', side: 'buy', size: '1', price: '100', fee: '0.3' },
    { id: 'b2', side: 'buy', size: '2', price: '110', fee: '0.7' },
    { id: 's1', side: 'sell', size: '1.2', price: '120', fee: '0.5' },
  );
  const [b1, b2, s1] = sequence as [
    (typeof sequence)[number],
    (typeof sequence)[number],
    (typeof sequence)[number],
  ];

  it('when a fill arrives before one already applied then it is refused with a recompute hint and nothing changes', () => {
    const engine = new FifoEngine();
    engine.apply(b2);
    const before = engine.openLots('main', 'BTC');

    expect(() => engine.apply(b1)).toThrow(/comes before fill b2.*recompute/);
    expect(engine.openLots('main', 'BTC')).toEqual(before);
  });

  it('when the same fill is applied twice then the second is refused', () => {
    const engine = new FifoEngine();
    engine.apply(b1);

    expect(() => engine.apply(b1)).toThrow(HooklineError);
    expect(() => engine.apply(b1)).toThrow(/already applied/);
  });

  it('when the state is exported and imported mid-way then the rest gives the same allocations as one run', () => {
    const first = new FifoEngine();
    const before = [b1, b2].flatMap((fill) => first.apply(fill).allocations);
    const resumed = FifoEngine.fromState(first.exportState());

    const after = resumed.apply(s1).allocations;

    expect([...before, ...after]).toEqual(recompute(sequence).allocations);
    expect(() => resumed.apply(b2)).toThrow(/comes before|already applied/);
  });

  it('when open lots are listed then they are copies the caller cannot use to change the engine', () => {
    const engine = new FifoEngine();
    engine.apply(b1);
    const [lot] = engine.openLots('main', 'BTC') as [ReturnType<FifoEngine['openLots']>[number]];

    (lot as { remainingSize: unknown }).remainingSize = 'tampered';

    expect(engine.openLots('main', 'BTC').map(lotStrings)).toEqual([
      { buy: 'b1', remaining: '1', remainingFee: '0.3', feesPerUnit: '0.3' },
    ]);
  });
});
