// The service's door knows the exchange's markets: buildWebhookSystem hands the exchange's market list
// to the ingress, so a ticker the exchange does not list is answered 422 INVALID_SYMBOL and stored
// REJECTED (no job, no decision), while a listed one is accepted (202), whatever its spelling. When the
// list cannot be loaded, the door does not depend on the exchange: the alert is accepted and the
// processor's MARKET_UNAVAILABLE stays the backstop.
import { ExchangeError } from '@hookline/exchange';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { buyAlertBody, useTradingHarness, withOverrides } from '../support/trading-harness.js';

describe('unknown tickers at the door of the running system', () => {
  const harness = useTradingHarness();

  it('when the ticker names no market of the exchange then 422 INVALID_SYMBOL, stored REJECTED, never decided', async () => {
    const trading = await harness();

    const answer = await trading.post(buyAlertBody('unknown-1', { ticker: 'COINBASE:DOGEUSD' }));

    expect(answer.statusCode).toBe(422);
    expect(answer.json).toMatchObject({
      error: 'INVALID_SYMBOL',
      message: expect.stringContaining('DOGE/USD'),
    });
    const prisma = trading.database.prisma;
    expect(await prisma.alert.findFirstOrThrow()).toMatchObject({
      status: 'REJECTED',
      reason: 'INVALID_SYMBOL',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await prisma.decision.count()).toBe(0);
  });

  it.each([
    ['COINBASE:BTCUSD', 'BTC/USD'],
    ['KRAKEN:XBTUSD', 'BTC/USD'],
    ['ETH-USD', 'ETH/USD'],
  ])(
    'when the ticker %s names a listed market then 202 and the alert is decided for %s',
    async (ticker, symbol) => {
      const trading = await harness();

      const answer = await trading.post(buyAlertBody('known-1', { ticker, exchange: undefined }));

      expect(answer.statusCode).toBe(202);
      const prisma = trading.database.prisma;
      await eventually(async () => (await prisma.decision.count()) > 0, { what: 'a decision' });
      expect(await prisma.decision.findFirstOrThrow()).toMatchObject({ symbol });
    },
  );

  it('when the market list cannot be loaded then an unknown ticker is accepted and BLOCKED PRICE_UNAVAILABLE (neither a list nor a quote says more)', async () => {
    const trading = await harness({
      wrapExchange: (exchange) =>
        withOverrides(exchange, {
          fetchMarkets: async () => {
            throw new ExchangeError('TEMPORARY', 'markets are down');
          },
        }),
    });

    const answer = await trading.post(buyAlertBody('unknown-2', { ticker: 'COINBASE:DOGEUSD' }));

    expect(answer.statusCode).toBe(202);
    const prisma = trading.database.prisma;
    await eventually(async () => (await prisma.decision.count()) > 0, { what: 'a decision' });
    expect(await prisma.decision.findFirstOrThrow()).toMatchObject({
      outcome: 'BLOCKED',
      reasonCode: 'PRICE_UNAVAILABLE',
    });
  });
});
