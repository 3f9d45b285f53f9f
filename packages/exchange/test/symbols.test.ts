import { describe, expect, it } from 'vitest';
import { defaultPaperMarkets, isExchangeError, SymbolResolver } from '../src/index.js';

const markets = defaultPaperMarkets.map((spec) => spec.market);
const [bitcoin] = markets;
if (bitcoin === undefined) throw new Error('the default markets start with BTC/USD');
// A Binance-style USDT market, and Kraken's BTC/USD whose native id is the REST pair key.
const resolver = new SymbolResolver([
  { ...bitcoin, symbol: 'BTC/USD', exchangeSymbol: 'XXBTZUSD' },
  ...markets.slice(1),
  { ...bitcoin, symbol: 'BTC/USDT', quote: 'USDT', exchangeSymbol: 'BTCUSDT' },
]);

describe('SymbolResolver', () => {
  it.each([
    ['BTC/USD', 'BTC/USD'],
    ['BTC-USD', 'BTC/USD'],
    ['btc-usd', 'BTC/USD'],
    ['XBT/USD', 'BTC/USD'],
    ['XBTUSD', 'BTC/USD'],
    ['BTCUSD', 'BTC/USD'],
    ['XXBTZUSD', 'BTC/USD'],
    ['XBT-USD', 'BTC/USD'],
    ['COINBASE:BTCUSD', 'BTC/USD'],
    [' eth_usd ', 'ETH/USD'],
    ['BTCUSDT', 'BTC/USDT'],
    ['BINANCE:BTCUSDT.P', 'BTC/USDT'],
    ['SOL/USD', 'SOL/USD'],
  ])('when "%s" is resolved then it names %s', (text, symbol) => {
    expect(resolver.resolve(text).symbol).toBe(symbol);
  });

  it.each(['DOGE/USD', 'BTC', 'BTC/USD/EUR', '', 'USDBTC'])(
    'when "%s" is resolved then INVALID_SYMBOL is thrown with the text in its context',
    (text) => {
      const attempt = () => resolver.resolve(text);

      expect(attempt).toThrow();
      try {
        attempt();
      } catch (error) {
        expect(isExchangeError(error, 'INVALID_SYMBOL')).toBe(true);
        expect(isExchangeError(error) && error.context.symbol).toBe(text);
      }
    },
  );

  it('when a venue adds its own currency alias then its spelling resolves too', () => {
    const custom = new SymbolResolver(
      defaultPaperMarkets.map((spec) => spec.market),
      { BITCOIN: 'BTC' },
    );

    expect(custom.resolve('BITCOIN/USD').symbol).toBe('BTC/USD');
    expect(custom.find('XBT/USD')).toBeUndefined();
  });
});
