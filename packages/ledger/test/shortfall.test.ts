import { HooklineError } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { FifoEngine, recompute } from '../src/index.js';
import { fills, lotStrings, money } from './support/fills.js';

describe('selling beyond inventory', () => {
  const oversell = fills(
    { id: 'b', side: 'buy', size: '1', price: '100' },
    { id: 's', side: 'sell', size: '1.5', price: '200', fee: '3' },
  );

  it('when a sell exceeds the lots then the rest is a SHORTFALL slice with zero basis and a warning', () => {
    const ledger = recompute(oversell);

    expect(ledger.allocations.map(money)).toEqual([
      {
        key: 's#0',
        kind: 'SELL',
        buy: 'b',
        size: '1',
        buyFee: '0',
        sellFee: '2',
        cost: '100',
        proceeds: '200',
        net: '198',
        pnl: '98',
      },
      {
        key: 's#1',
        kind: 'SHORTFALL',
        buy: null,
        size: '0.5',
        buyFee: '0',
        sellFee: '1',
        cost: '0',
        proceeds: '100',
        net: '99',
        pnl: '99',
      },
    ]);
    const shortfall = ledger.allocations[1];
    expect([shortfall?.buyOrderId, shortfall?.buyTime, shortfall?.term]).toEqual([null, null, null]);
    expect(
      ledger.warnings.map((warning) => [warning.code, warning.fillId, warning.quantity?.toFixed()]),
    ).toEqual([['SHORTFALL', 's', '0.5']]);
  });

  it('when nothing is held then the whole sell is one SHORTFALL slice', () => {
    const ledger = recompute(fills({ id: 's', side: 'sell', size: '2', price: '10', fee: '0.2' }));

    expect(ledger.allocations.map(money)).toEqual([
      {
        key: 's#0',
        kind: 'SHORTFALL',
        buy: null,
        size: '2',
        buyFee: '0',
        sellFee: '0.2',
        cost: '0',
        proceeds: '20',
        net: '19.8',
        pnl: '19.8',
      },
    ]);
  });

  it('when strict mode meets an oversell then it refuses, names the fill, and keeps the lots', () => {
    const engine = new FifoEngine({ strict: true });
    const [buy, sell] = oversell as [(typeof oversell)[number], (typeof oversell)[number]];
    engine.apply(buy);

    const refusal = (() => {
      try {
        engine.apply(sell);
      } catch (error) {
        return error;
      }
      return undefined;
    })();

    expect(refusal).toBeInstanceOf(HooklineError);
    expect((refusal as HooklineError).message).toMatch(
      /sell fill s disposes of 1\.5 BTC, more than account main holds/,
    );
    expect((refusal as HooklineError).context).toMatchObject({ fillId: 's', symbol: 'BTC/USD' });
    expect(engine.openLots('main', 'BTC').map(lotStrings)).toEqual([
      { buy: 'b', remaining: '1', remainingFee: '0', feesPerUnit: '0' },
    ]);
  });

  it('when strict mode meets a sell whose base-asset fee tips it over the holdings then it refuses too', () => {
    const strict = () =>
      recompute(
        fills(
          { id: 'b', side: 'buy', size: '1', price: '100' },
          { id: 's', side: 'sell', size: '1', price: '100', fee: '0.001', feeCurrency: 'BTC' },
        ),
        { strict: true },
      );

    expect(strict).toThrow(/sell fill s disposes of 1\.001 BTC/);
  });

  it('when strict mode sells exactly what is held then it is accepted', () => {
    const ledger = recompute(
      fills(
        { id: 'b', side: 'buy', size: '1', price: '100' },
        { id: 's', side: 'sell', size: '1', price: '200' },
      ),
      { strict: true },
    );

    expect(ledger.allocations.map((row) => row.kind)).toEqual(['SELL']);
    expect(ledger.lots).toEqual([]);
  });
});
