import { dec } from '@hookline/core';
import type { Market } from '@hookline/exchange';
import { describe, expect, it } from 'vitest';
import { MarketIndex, marketIndexOf } from '../../src/reconciler/holdings-check.js';
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

describe('MarketIndex', () => {
  const market = (symbol: string, minAmount = '0.00001'): Market => {
    const [base = '', quote = ''] = symbol.split('/');
    return {
      ...btcMarket,
      symbol,
      base,
      quote,
      exchangeSymbol: `${base}-${quote}`,
      minAmount: dec(minAmount),
    };
  };

  it.each([
    { case: 'listed against EUR and USD', markets: ['ETH/EUR', 'ETH/USD'], symbol: 'ETH/USD' },
    { case: 'listed against EUR and BTC only', markets: ['ETH/EUR', 'ETH/BTC'], symbol: 'ETH/EUR' },
    { case: 'not listed', markets: ['BTC/USD'], symbol: 'ETH/USD' },
  ])('when the asset is $case then it trades as $symbol', (row) => {
    const index = marketIndexOf(row.markets.map((symbol) => market(symbol)));

    expect(index.symbolFor('ETH')).toBe(row.symbol);
  });

  it('when a symbol is listed twice then the first listing is its market, as a scan of the list finds', () => {
    const index = new MarketIndex([market('BTC/USD', '0.1'), market('BTC/USD', '0.2')]);

    expect(index.market('BTC/USD')?.minAmount.toString()).toBe('0.1');
    expect(index.market('SOL/USD')).toBeUndefined();
  });

  it('when one list is indexed twice then the second use gets the same index', () => {
    const markets = [market('BTC/USD')];

    expect(marketIndexOf(markets)).toBe(marketIndexOf(markets));
    expect(marketIndexOf([...markets])).not.toBe(marketIndexOf(markets));
  });
});
