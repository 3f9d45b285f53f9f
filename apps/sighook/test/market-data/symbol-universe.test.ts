import { TestClock } from '@hookline/core';
import { PaperExchange } from '@hookline/exchange';
import { describe, expect, it } from 'vitest';
import { resolveSymbolUniverse } from '../../src/market-data/symbol-universe.js';

const exchange = new PaperExchange({ clock: new TestClock(Date.UTC(2025, 0, 2)) });

describe('symbol universe', () => {
  it('when symbols are spelled as users spell them then they come back as the exchange names them, each once', async () => {
    const symbols = await resolveSymbolUniverse(exchange, ['btc-usd', 'ETH/USD', 'BTCUSD', 'SOL/USD']);

    expect(symbols).toEqual(['BTC/USD', 'ETH/USD', 'SOL/USD']);
  });

  it('when a symbol is not a market of the exchange then the start fails naming every such symbol', async () => {
    const attempt = resolveSymbolUniverse(exchange, ['BTC/USD', 'DOGE/XYZ', 'NOPE']);

    await expect(attempt).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(attempt).rejects.toThrow(/"DOGE\/XYZ" is not a market of paper.*"NOPE"/);
  });
});
