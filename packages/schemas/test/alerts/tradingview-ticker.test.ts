import { describe, expect, it } from 'vitest';
import { mapTradingViewTicker, normalizeTradingViewExchange } from '../../src/alerts/tradingview-ticker.js';
import { parseConfig } from '../../src/index.js';

describe('mapTradingViewTicker', () => {
  it.each([
    ['BTCUSD', undefined, 'BTC/USD'],
    ['btcusd', undefined, 'BTC/USD'],
    ['BTCUSDT', undefined, 'BTC/USDT'],
    ['ETHUSDC', undefined, 'ETH/USDC'],
    ['XBTUSD', undefined, 'BTC/USD'],
    ['XDGUSD', undefined, 'DOGE/USD'],
    ['COINBASE:BTCUSD', undefined, 'BTC/USD'],
    ['BINANCE:BTCUSDT', undefined, 'BTC/USDT'],
    ['KRAKEN:XBTEUR', undefined, 'BTC/EUR'],
    ['COINBASE_DL:SOLUSD', undefined, 'SOL/USD'],
    ['BINANCE:BTCUSDT.P', undefined, 'BTC/USDT'],
    ['BTCFDUSD', undefined, 'BTC/FDUSD'],
    ['DOTUSD', undefined, 'DOT/USD'],
    ['BATUSD', undefined, 'BAT/USD'],
    ['USDTUSD', undefined, 'USDT/USD'],
    ['ETHBTC', undefined, 'ETH/BTC'],
    ['BTC-USD', undefined, 'BTC/USD'],
    ['BTC/USD', undefined, 'BTC/USD'],
    ['BTC_EUR', undefined, 'BTC/EUR'],
    ['1INCHUSD', undefined, '1INCH/USD'],
    ['PEPEUSD', 'COINBASE', 'PEPE/USD'],
  ])('when the ticker is %s (exchange %s) then the market is %s', (ticker, exchange, symbol) => {
    expect(mapTradingViewTicker(ticker, exchange)).toEqual({ ok: true, symbol });
  });

  it.each(['SPX500', 'AAPL', 'USD', 'BTC/USD/EUR', ''])(
    'when the ticker is %j then no market is guessed',
    (ticker) => {
      const result = mapTradingViewTicker(ticker, undefined);

      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(/HOOKLINE_SYMBOL_OVERRIDES/);
    },
  );

  it('when overrides are configured then they win, the exchange-qualified one first', () => {
    const { HOOKLINE_SYMBOL_OVERRIDES: overrides } = parseConfig({
      HOOKLINE_SYMBOL_OVERRIDES: 'btcusdt=btc/usd, KRAKEN:BTCUSDT=BTC/USDT ,SPX500=SPX/USD',
    });

    expect(mapTradingViewTicker('BTCUSDT', undefined, overrides)).toEqual({ ok: true, symbol: 'BTC/USD' });
    expect(mapTradingViewTicker('BINANCE:BTCUSDT', undefined, overrides)).toEqual({
      ok: true,
      symbol: 'BTC/USD',
    });
    expect(mapTradingViewTicker('KRAKEN:BTCUSDT', undefined, overrides)).toEqual({
      ok: true,
      symbol: 'BTC/USDT',
    });
    expect(mapTradingViewTicker('BTCUSDT', 'KRAKEN_DL', overrides)).toEqual({ ok: true, symbol: 'BTC/USDT' });
    expect(mapTradingViewTicker('SPX500', undefined, overrides)).toEqual({ ok: true, symbol: 'SPX/USD' });
  });

  it.each([
    ['COINBASE', 'COINBASE'],
    ['coinbase_dl', 'COINBASE'],
    [' BINANCE_DLY ', 'BINANCE'],
  ])('when the exchange is %j then it is normalised to %s', (exchange, normalized) => {
    expect(normalizeTradingViewExchange(exchange)).toBe(normalized);
  });
});
