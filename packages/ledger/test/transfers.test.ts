import { dec, HooklineError } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { type LedgerTransfer, recompute, taxReport } from '../src/index.js';
import { fills, money } from './support/fills.js';

function transfer(spec: {
  id: string;
  from?: string;
  to?: string;
  quantity: string;
  fee?: string;
  feePrice?: string | null;
  at: string;
}): LedgerTransfer {
  return {
    id: spec.id,
    fromAccount: spec.from ?? 'A',
    toAccount: spec.to ?? 'B',
    asset: 'BTC',
    quantity: dec(spec.quantity),
    feeQuantity: dec(spec.fee ?? '0'),
    feePriceUsd: spec.feePrice === undefined || spec.feePrice === null ? null : dec(spec.feePrice),
    executedAt: new Date(spec.at),
    sequence: 1,
  };
}

describe('per-wallet basis', () => {
  it.each([
    { sellIn: 'A', buy: 'a1', cost: '100' },
    { sellIn: 'B', buy: 'b1', cost: '200' },
  ])(
    'when accounts A and B hold BTC bought at different prices and $sellIn sells then only its own lot is consumed',
    ({ sellIn, buy, cost }) => {
      const ledger = recompute(
        fills(
          { id: 'a1', account: 'A', side: 'buy', size: '1', price: '100' },
          { id: 'b1', account: 'B', side: 'buy', size: '1', price: '200' },
          { id: 's', account: sellIn, side: 'sell', size: '1', price: '300' },
        ),
      );
      expect(ledger.allocations.map(money)).toEqual([
        expect.objectContaining({ key: 's#0', kind: 'SELL', buy, size: '1', cost }),
      ]);
      expect(ledger.lots.map((lot) => lot.account)).toEqual([sellIn === 'A' ? 'B' : 'A']);
    },
  );
});

describe('transfers between accounts', () => {
  const buys = fills(
    { id: 'a1', account: 'A', side: 'buy', size: '1', price: '100', fee: '3', at: '2023-01-10T00:00:00Z' },
    { id: 'a2', account: 'A', side: 'buy', size: '1', price: '200', fee: '0', at: '2023-06-01T00:00:00Z' },
  );

  it('when 1.5 BTC moves from A to B then the lots move FIFO with a split lot keeping its date and a pro-rata fee, at zero gain', () => {
    const ledger = recompute(buys, {}, [transfer({ id: 't1', quantity: '1.5', at: '2024-01-01T00:00:00Z' })]);
    expect(ledger.allocations.map(money)).toEqual([
      {
        key: 't1#0',
        kind: 'TRANSFER',
        buy: 'a1',
        size: '1',
        buyFee: '3',
        sellFee: '0',
        cost: '103',
        proceeds: '103',
        net: '103',
        pnl: '0',
      },
      {
        key: 't1#1',
        kind: 'TRANSFER',
        buy: 'a2',
        size: '0.5',
        buyFee: '0',
        sellFee: '0',
        cost: '100',
        proceeds: '100',
        net: '100',
        pnl: '0',
      },
    ]);
    expect(
      ledger.lots.map((lot) => [
        lot.account,
        lot.buyFillId,
        lot.buyTime.toISOString(),
        lot.remainingSize.toFixed(),
        lot.feeUsd.toFixed(),
      ]),
    ).toEqual([
      ['A', 'a2', '2023-06-01T00:00:00.000Z', '0.5', '0'],
      ['B', 'a1', '2023-01-10T00:00:00.000Z', '1', '3'],
      ['B', 'a2', '2023-06-01T00:00:00.000Z', '0.5', '0'],
    ]);
    expect(taxReport(ledger.allocations, { year: 2024 }).allocations).toEqual([]);
  });

  it('when part of a lot with a fee moves then its fee is split like a sell splits it and the halves add up', () => {
    const ledger = recompute(buys.slice(0, 1), {}, [
      transfer({ id: 't1', quantity: '0.3', at: '2024-01-01T00:00:00Z' }),
    ]);
    expect(ledger.allocations.map(money)).toEqual([
      expect.objectContaining({ key: 't1#0', kind: 'TRANSFER', size: '0.3', buyFee: '0.9', cost: '30.9' }),
    ]);
    expect(
      ledger.lots.map((lot) => [lot.account, lot.remainingSize.toFixed(), lot.remainingFeeUsd.toFixed()]),
    ).toEqual([
      ['A', '0.7', '2.1'],
      ['B', '0.3', '0.9'],
    ]);
  });

  it.each([
    { sellAt: '2024-01-11T00:00:00Z', term: 'LONG' },
    { sellAt: '2023-12-01T00:00:00Z', term: 'SHORT' },
  ])(
    'when B sells moved units on $sellAt then the term counts from the original buy ($term) and the row names the lot',
    ({ sellAt, term }) => {
      const ledger = recompute(
        [
          ...buys,
          ...fills({ id: 's', account: 'B', side: 'sell', size: '1', price: '500', at: sellAt, sequence: 9 }),
        ],
        {},
        [transfer({ id: 't1', quantity: '1.5', at: '2023-11-01T00:00:00Z' })],
      );
      const sale = ledger.allocations.filter((row) => row.sellFillId === 's');
      expect(
        sale.map((row) => [
          row.buyFillId,
          row.buyTime?.toISOString(),
          row.term,
          row.lotTransferId,
          row.lotSliceIndex,
          row.costBasisUsd.toFixed(),
        ]),
      ).toEqual([['a1', '2023-01-10T00:00:00.000Z', term, 't1', 0, '103']]);
      const report = taxReport(ledger.allocations, { year: 2023 });
      expect(report.allocations.map((row) => row.kind)).toEqual(sellAt.startsWith('2023') ? ['SELL'] : []);
    },
  );

  it('when B already holds a younger lot then a moved older lot is sold first (FIFO by original buy date)', () => {
    const ledger = recompute(
      [
        ...buys.slice(0, 1),
        ...fills(
          {
            id: 'b1',
            account: 'B',
            side: 'buy',
            size: '1',
            price: '150',
            at: '2023-03-01T00:00:00Z',
            sequence: 5,
          },
          {
            id: 's',
            account: 'B',
            side: 'sell',
            size: '1',
            price: '500',
            at: '2024-03-01T00:00:00Z',
            sequence: 6,
          },
        ),
      ],
      {},
      [transfer({ id: 't1', quantity: '1', at: '2024-01-01T00:00:00Z' })],
    );
    expect(ledger.allocations.filter((row) => row.sellFillId === 's').map((row) => row.buyFillId)).toEqual([
      'a1',
    ]);
  });

  it('when the transfer pays a network fee in BTC then the fee units are a disposal at the given price', () => {
    const ledger = recompute(buys, {}, [
      transfer({ id: 't1', quantity: '1', fee: '0.01', feePrice: '40000', at: '2024-01-01T00:00:00Z' }),
    ]);
    expect(ledger.allocations.map(money)).toEqual([
      expect.objectContaining({ key: 't1#0', kind: 'TRANSFER', size: '1' }),
      {
        key: 't1#1',
        kind: 'FEE_DISPOSAL',
        buy: 'a2',
        size: '0.01',
        buyFee: '0',
        sellFee: '0',
        cost: '2',
        proceeds: '400',
        net: '400',
        pnl: '398',
      },
    ]);
    const report = taxReport(ledger.allocations, { year: 2024 });
    expect(report.allocations.map((row) => row.kind)).toEqual(['FEE_DISPOSAL']);
    expect(report.totals.pnl_usd).toBe('398');
  });

  it.each([
    { name: 'a fee without a price', spec: { quantity: '1', fee: '0.01' }, message: /needs its USD price/ },
    { name: 'the same account on both ends', spec: { quantity: '1', to: 'A' }, message: /same account/ },
    { name: 'a zero quantity', spec: { quantity: '0' }, message: /quantity must be positive/ },
  ])('when a transfer has $name then it is refused', ({ spec, message }) => {
    expect(() => recompute(buys, {}, [transfer({ id: 't1', at: '2024-01-01T00:00:00Z', ...spec })])).toThrow(
      message,
    );
  });

  it('when a transfer moves more than the source holds then strict mode refuses it naming account, asset and shortfall', () => {
    const run = () =>
      recompute(buys, { strict: true }, [
        transfer({ id: 't1', quantity: '2.5', fee: '0.1', feePrice: '1', at: '2024-01-01T00:00:00Z' }),
      ]);
    expect(run).toThrow(HooklineError);
    expect(run).toThrow(/account A holds 0\.6 BTC less/);
  });

  it('when a recompute meets a short transfer then what was held moves and a TRANSFER_SHORTFALL warning says how much is missing', () => {
    const ledger = recompute(buys, {}, [transfer({ id: 't1', quantity: '2.5', at: '2024-01-01T00:00:00Z' })]);
    expect(
      ledger.warnings.map((warning) => [warning.code, warning.account, warning.quantity?.toFixed()]),
    ).toEqual([['TRANSFER_SHORTFALL', 'A', '0.5']]);
    expect(ledger.lots.map((lot) => lot.account)).toEqual(['B', 'B']);
  });

  it('when lots move A to B and back then they return with their original dates and B holds nothing', () => {
    const ledger = recompute(buys.slice(0, 1), {}, [
      transfer({ id: 't1', quantity: '1', at: '2024-01-01T00:00:00Z' }),
      transfer({ id: 't2', from: 'B', to: 'A', quantity: '0.4', at: '2024-02-01T00:00:00Z' }),
    ]);
    expect(
      ledger.lots.map((lot) => [lot.account, lot.buyFillId, lot.remainingSize.toFixed(), lot.transferId]),
    ).toEqual([
      ['A', 'a1', '0.4', 't2'],
      ['B', 'a1', '0.6', 't1'],
    ]);
  });
});
