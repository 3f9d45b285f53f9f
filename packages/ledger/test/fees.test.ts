import { sum } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { recompute } from '../src/index.js';
import { fills, lotStrings, money } from './support/fills.js';

const third = '0.333333333333333333333333333333333333333333333333333333333333';

describe('fees in the quote currency', () => {
  it('when a buy and a sell pay quote fees then the buy fee raises the basis and the sell fee lowers net proceeds', () => {
    const ledger = recompute(
      fills(
        { id: 'b', side: 'buy', size: '2', price: '100', fee: '3' },
        { id: 's', side: 'sell', size: '1', price: '150', fee: '1.5' },
      ),
    );

    expect(ledger.allocations.map(money)).toEqual([
      {
        key: 's#0',
        kind: 'SELL',
        buy: 'b',
        size: '1',
        buyFee: '1.5',
        sellFee: '1.5',
        cost: '101.5',
        proceeds: '150',
        net: '148.5',
        pnl: '47',
      },
    ]);
    expect(
      ledger.allocations.map((row) => [row.buyFeesPerUnit.toFixed(), row.sellFeesPerUnit.toFixed()]),
    ).toEqual([['1.5', '1.5']]);
  });

  it('when a lot fee of 1 is consumed in thirds then the slices are truncated and the last takes the remainder', () => {
    const ledger = recompute(
      fills(
        { id: 'b', side: 'buy', size: '3', price: '10', fee: '1' },
        { id: 's1', side: 'sell', size: '1', price: '12' },
        { id: 's2', side: 'sell', size: '1', price: '12' },
        { id: 's3', side: 'sell', size: '1', price: '12' },
      ),
    );

    expect(ledger.allocations.map(money).map((row) => [row.key, row.buyFee, row.cost, row.pnl])).toEqual([
      ['s1#0', '0.333333333333333333', '10.333333333333333333', '1.666666666666666667'],
      ['s2#0', '0.333333333333333333', '10.333333333333333333', '1.666666666666666667'],
      ['s3#0', '0.333333333333333334', '10.333333333333333334', '1.666666666666666666'],
    ]);
    expect(ledger.allocations[0]?.buyFeesPerUnit.toFixed()).toBe(third);
  });

  it('when a sell fee is spread over three equal lots then the slices add up to the fee exactly', () => {
    const ledger = recompute(
      fills(
        { id: 'b1', side: 'buy', size: '0.1', price: '100' },
        { id: 'b2', side: 'buy', size: '0.1', price: '100' },
        { id: 'b3', side: 'buy', size: '0.1', price: '100' },
        { id: 's', side: 'sell', size: '0.3', price: '200', fee: '0.01' },
      ),
    );

    expect(ledger.allocations.map(money).map((row) => [row.sellFee, row.net, row.pnl])).toEqual([
      ['0.003333333333333333', '19.996666666666666667', '9.996666666666666667'],
      ['0.003333333333333333', '19.996666666666666667', '9.996666666666666667'],
      ['0.003333333333333334', '19.996666666666666666', '9.996666666666666666'],
    ]);
  });

  it('when the fee is a maker rebate (negative) then it lowers the cost basis', () => {
    const ledger = recompute(
      fills(
        { id: 'b', side: 'buy', size: '1', price: '100', fee: '-0.1' },
        { id: 's', side: 'sell', size: '1', price: '100' },
      ),
    );

    expect(ledger.allocations.map(money).map((row) => [row.cost, row.pnl])).toEqual([['99.9', '0.1']]);
  });
});

describe('fees in the traded (base) asset', () => {
  it('when a buy pays its fee in BTC and older BTC is held then the fee units leave the older lot', () => {
    const ledger = recompute(
      fills(
        { id: 'a', side: 'buy', size: '1', price: '100' },
        { id: 'b', side: 'buy', size: '1', price: '200', fee: '0.01', feeCurrency: 'BTC' },
        { id: 'c', side: 'sell', size: '1.99', price: '250' },
      ),
    );

    expect(ledger.allocations.map(money)).toEqual([
      {
        key: 'b#0',
        kind: 'FEE_DISPOSAL',
        buy: 'a',
        size: '0.01',
        buyFee: '0',
        sellFee: '0',
        cost: '1',
        proceeds: '2',
        net: '2',
        pnl: '1',
      },
      {
        key: 'c#0',
        kind: 'SELL',
        buy: 'a',
        size: '0.99',
        buyFee: '0',
        sellFee: '0',
        cost: '99',
        proceeds: '247.5',
        net: '247.5',
        pnl: '148.5',
      },
      {
        key: 'c#1',
        kind: 'SELL',
        buy: 'b',
        size: '1',
        buyFee: '2',
        sellFee: '0',
        cost: '202',
        proceeds: '250',
        net: '250',
        pnl: '48',
      },
    ]);
    // Paid 300 for 2 BTC, paid 0.01 BTC in fees, sold 1.99 BTC for 497.5: the gains add up to 197.5.
    expect(sum(ledger.allocations.map((row) => row.pnlUsd)).toFixed()).toBe('197.5');
    expect(ledger.lots).toEqual([]);
  });

  it('when the first buy pays its fee in BTC then the fee units come out of that same lot', () => {
    const ledger = recompute(
      fills({ id: 'b', side: 'buy', size: '1', price: '100', fee: '0.001', feeCurrency: 'BTC' }),
    );

    expect(ledger.allocations.map(money)).toEqual([
      {
        key: 'b#0',
        kind: 'FEE_DISPOSAL',
        buy: 'b',
        size: '0.001',
        buyFee: '0.0001',
        sellFee: '0',
        cost: '0.1001',
        proceeds: '0.1',
        net: '0.1',
        pnl: '-0.0001',
      },
    ]);
    expect(ledger.lots.map(lotStrings)).toEqual([
      { buy: 'b', remaining: '0.999', remainingFee: '0.0999', feesPerUnit: '0.1' },
    ]);
  });

  it('when a sell pays its fee in BTC then it disposes of the fee units too and their value is the sell fee', () => {
    const ledger = recompute(
      fills(
        { id: 'b', side: 'buy', size: '2', price: '100' },
        { id: 's', side: 'sell', size: '1', price: '150', fee: '0.01', feeCurrency: 'BTC' },
      ),
    );

    expect(ledger.allocations.map(money)).toEqual([
      {
        key: 's#0',
        kind: 'SELL',
        buy: 'b',
        size: '1',
        buyFee: '0',
        sellFee: '1.5',
        cost: '100',
        proceeds: '150',
        net: '148.5',
        pnl: '48.5',
      },
      {
        key: 's#1',
        kind: 'FEE_DISPOSAL',
        buy: 'b',
        size: '0.01',
        buyFee: '0',
        sellFee: '0',
        cost: '1',
        proceeds: '1.5',
        net: '1.5',
        pnl: '0.5',
      },
    ]);
    expect(ledger.lots.map(lotStrings)).toEqual([
      { buy: 'b', remaining: '0.99', remainingFee: '0', feesPerUnit: '0' },
    ]);
  });
});
