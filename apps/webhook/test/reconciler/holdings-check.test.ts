import { dec } from '@hookline/core';
import type { Market } from '@hookline/exchange';
import { describe, expect, it } from 'vitest';
import { compareHoldings, defaultCashCurrencies } from '../../src/reconciler/index.js';

const btcMarket: Market = {
  symbol: 'BTC/USD',
  base: 'BTC',
  quote: 'USD',
  exchangeSymbol: 'BTC-USD',
  priceTick: dec('0.01'),
  amountStep: dec('0.00000001'),
  minAmount: dec('0.00001'),
  minNotional: dec('1'),
  active: true,
};

function balance(currency: string, total: string) {
  return { [currency]: { currency, total: dec(total), available: dec(total) } };
}

describe('compareHoldings', () => {
  it.each([
    { case: 'equal', ledger: '0.5', exchange: '0.5', zombies: 0, unknown: 0 },
    { case: 'within the market minimum (dust)', ledger: '0.5', exchange: '0.499995', zombies: 0, unknown: 0 },
    { case: 'the exchange holds half', ledger: '1', exchange: '0.5', zombies: 1, unknown: 0 },
    { case: 'the exchange holds none', ledger: '1', exchange: '0', zombies: 1, unknown: 0 },
    { case: 'the exchange holds more', ledger: '1', exchange: '1.5', zombies: 0, unknown: 1 },
  ])('when $case then $zombies zombie(s) and $unknown unknown holding(s)', (row) => {
    const verdict = compareHoldings({
      ledger: [{ asset: 'BTC', symbol: 'BTC/USD', quantity: dec(row.ledger) }],
      balances: { ...balance('USD', '1000'), ...balance('BTC', row.exchange) },
      markets: [btcMarket],
      cashCurrencies: defaultCashCurrencies,
      dustTolerance: {},
    });

    expect(verdict.zombies).toHaveLength(row.zombies);
    expect(verdict.unknownHoldings).toHaveLength(row.unknown);
  });

  it('when an asset has no market then the unknown holding is named ASSET/USD and cash is never reported', () => {
    const verdict = compareHoldings({
      ledger: [],
      balances: { ...balance('USD', '1000'), ...balance('USDC', '5'), ...balance('DOGE', '10') },
      markets: [btcMarket],
      cashCurrencies: defaultCashCurrencies,
      dustTolerance: {},
    });

    expect(verdict.unknownHoldings).toEqual([
      { symbol: 'DOGE/USD', asset: 'DOGE', ledgerQuantity: '0', exchangeQuantity: '10' },
    ]);
  });
});
