import { describe, expect, it } from 'vitest';
import { recompute } from '../src/index.js';
import { fills, money } from './support/fills.js';

describe('fees in a third asset', () => {
  it('when a BNB fee has a USD value then it is treated like a quote fee', () => {
    const ledger = recompute(
      fills(
        { id: 'b', side: 'buy', size: '1', price: '100', fee: '0.5', feeCurrency: 'BNB', feeUsd: '2.5' },
        { id: 's', side: 'sell', size: '1', price: '110', fee: '0.1', feeCurrency: 'BNB', feeUsd: '0.55' },
      ),
    );

    expect(ledger.allocations.map(money).map((row) => [row.cost, row.net, row.pnl])).toEqual([
      ['102.5', '109.45', '6.95'],
    ]);
    expect(ledger.warnings).toEqual([]);
  });

  it('when a BNB fee has no USD value then it is excluded and the fill is flagged', () => {
    const ledger = recompute(
      fills(
        { id: 'b', side: 'buy', size: '1', price: '100', fee: '0.5', feeCurrency: 'BNB' },
        { id: 's', side: 'sell', size: '1', price: '110' },
      ),
    );

    expect(ledger.allocations.map(money).map((row) => [row.cost, row.pnl])).toEqual([['100', '10']]);
    expect(ledger.warnings.map((warning) => [warning.code, warning.fillId])).toEqual([['UNVALUED_FEE', 'b']]);
    expect(ledger.warnings[0]?.message).toMatch(/0\.5 BNB with no USD value/);
  });

  it('when a USDC-quoted fill pays its fee in USD then the fee is valued one to one', () => {
    const ledger = recompute(
      fills(
        { id: 'b', side: 'buy', size: '1', price: '100', symbol: 'BTC/USDC', fee: '0.2', feeCurrency: 'USD' },
        { id: 's', side: 'sell', size: '1', price: '100', symbol: 'BTC/USDC' },
      ),
    );

    expect(ledger.allocations.map(money).map((row) => row.cost)).toEqual(['100.2']);
  });
});

describe('quotes outside the USD set', () => {
  it('when a fill is quoted in BTC then it is flagged, not valued, and opens no lot', () => {
    const ledger = recompute(
      fills(
        { id: 'b', side: 'buy', size: '1', price: '0.05', symbol: 'ETH/BTC' },
        { id: 's', side: 'sell', size: '1', price: '3000', symbol: 'ETH/USD' },
      ),
    );

    expect(ledger.warnings.map((warning) => [warning.code, warning.fillId])).toEqual([
      ['UNVALUED_QUOTE', 'b'],
      ['SHORTFALL', 's'],
    ]);
    expect(ledger.allocations.map((row) => row.kind)).toEqual(['SHORTFALL']);
  });

  it('when the USD set is configured to include DAI then a DAI quote is valued', () => {
    const ledger = recompute(
      fills(
        { id: 'b', side: 'buy', size: '1', price: '100', symbol: 'BTC/DAI' },
        { id: 's', side: 'sell', size: '1', price: '101', symbol: 'BTC/DAI' },
      ),
      { usdCurrencies: ['USD', 'DAI'] },
    );

    expect(ledger.allocations.map(money).map((row) => row.pnl)).toEqual(['1']);
  });
});
