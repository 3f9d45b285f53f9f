import { isDecimal } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import type { TickerStreamEvent } from '../../src/port/stream-events.js';
import type { ConformanceCapabilities } from './conformance-harness.js';
import { expectExchangeError, isValidDate, type SuiteContext } from './suite-support.js';

/** Markets and their rules, symbols, balances, tickers and candles. */
export function describeMarketData(suite: SuiteContext, capabilities: ConformanceCapabilities): void {
  describe('market data', () => {
    it('when markets are fetched then the market has its native id, a positive tick and step and its minimums', () => {
      const { market } = suite.fixture();

      expect(market.symbol).toBe(`${market.base}/${market.quote}`);
      expect(market.exchangeSymbol.length).toBeGreaterThan(0);
      expect(market.priceTick.greaterThan(0)).toBe(true);
      expect(market.amountStep.greaterThan(0)).toBe(true);
      expect(market.minAmount.greaterThanOrEqualTo(0)).toBe(true);
      expect(market.minNotional.greaterThanOrEqualTo(0)).toBe(true);
      expect(market.active).toBe(true);
    });

    it('when the symbol is written the ways users and venues write it then each resolves to the market', async () => {
      const { market } = suite.fixture();
      const { exchange } = suite.harness();
      const spellings = [
        market.symbol,
        market.exchangeSymbol,
        `${market.base}-${market.quote}`,
        `${market.base}-${market.quote}`.toLowerCase(),
        `${market.base}${market.quote}`,
      ];

      for (const spelling of spellings) {
        expect((await exchange.fetchTicker(spelling)).symbol, spelling).toBe(market.symbol);
      }
    });

    it('when an unknown symbol is asked for then INVALID_SYMBOL is thrown', async () => {
      await expectExchangeError(suite.harness().exchange.fetchTicker('NOPE/NADA'), 'INVALID_SYMBOL');
    });

    it('when the ticker is fetched then bid is below ask and it carries exchange time and receive time', () => {
      const { ticker } = suite.fixture();

      expect(ticker.bid.lessThan(ticker.ask)).toBe(true);
      expect(ticker.bidSize.greaterThan(0) && ticker.askSize.greaterThan(0)).toBe(true);
      expect(isValidDate(ticker.exchangeTime) && isValidDate(ticker.receivedAt)).toBe(true);
    });

    it('when the quote moves then ticker subscribers receive it with both times', async () => {
      const { market, ticker } = suite.fixture();
      const harness = suite.harness();
      const events: TickerStreamEvent[] = [];
      const stop = harness.exchange.subscribeTickers([market.symbol], (event) => events.push(event));
      const bid = ticker.bid.plus(market.priceTick);
      const ask = ticker.ask.plus(market.priceTick);

      await harness.venue.setQuote(market.symbol, {
        bid,
        ask,
        bidSize: ticker.bidSize,
        askSize: ticker.askSize,
      });
      await harness.venue.settle();
      stop();

      const seen = events.flatMap((event) => (event.type === 'ticker' ? [event.ticker] : []));
      const moved = seen.find((update) => update.bid.equals(bid) && update.ask.equals(ask));
      expect(moved?.symbol).toBe(market.symbol);
      expect(isValidDate(moved?.exchangeTime) && isValidDate(moved?.receivedAt)).toBe(true);
    });

    it('when balances are fetched then each is a Decimal total with an available part not above it', async () => {
      const { market } = suite.fixture();
      const balances = await suite.harness().exchange.fetchBalances();
      const quote = balances[market.quote];

      expect(quote?.currency).toBe(market.quote);
      for (const balance of Object.values(balances)) {
        expect(isDecimal(balance.total) && isDecimal(balance.available)).toBe(true);
        expect(balance.available.lessThanOrEqualTo(balance.total)).toBe(true);
        expect(balance.available.greaterThanOrEqualTo(0)).toBe(true);
      }
    });

    it.runIf(capabilities.candles)(
      'when candles are fetched then each is a consistent OHLCV in time order',
      async () => {
        const { market } = suite.fixture();
        const candles = await suite.harness().exchange.fetchCandles(market.symbol, '1m', { limit: 50 });

        expect(candles.length).toBeGreaterThan(0);
        candles.forEach((candle, index) => {
          expect(
            candle.low.lessThanOrEqualTo(candle.open) && candle.low.lessThanOrEqualTo(candle.close),
          ).toBe(true);
          expect(
            candle.high.greaterThanOrEqualTo(candle.open) && candle.high.greaterThanOrEqualTo(candle.close),
          ).toBe(true);
          expect(candle.volume.greaterThanOrEqualTo(0)).toBe(true);
          const previous = candles[index - 1];
          if (previous !== undefined)
            expect(candle.openTime.getTime()).toBeGreaterThan(previous.openTime.getTime());
        });
      },
    );
  });
}
