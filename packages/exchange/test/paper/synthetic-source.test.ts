import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { defaultPaperMarkets, type PaperMarketSpec } from '../../src/index.js';
import type { MarketQuote } from '../../src/paper/price-source.js';
import { SyntheticPriceSource } from '../../src/paper/synthetic-source.js';

const startMs = Date.UTC(2025, 0, 1);
const text = (quotes: MarketQuote[]) =>
  quotes.map((q) => `${q.symbol}@${q.timeMs} ${q.bid}/${q.ask} ${q.bidSize}/${q.askSize}`);

describe('SyntheticPriceSource', () => {
  it('when two sources share seed and start then an hour of quotes is identical', () => {
    const first = new SyntheticPriceSource(defaultPaperMarkets, { seed: 11, startMs });
    const second = new SyntheticPriceSource(defaultPaperMarkets, { seed: 11, startMs });

    expect(text(first.advance(startMs + 3_600_000))).toEqual(text(second.advance(startMs + 3_600_000)));
  });

  it('when the seed differs then the path differs', () => {
    const first = new SyntheticPriceSource(defaultPaperMarkets, { seed: 1, startMs });
    const second = new SyntheticPriceSource(defaultPaperMarkets, { seed: 2, startMs });

    expect(text(first.advance(startMs + 60_000))).not.toEqual(text(second.advance(startMs + 60_000)));
  });

  it('when quotes are generated then each is on the tick and step, with bid below ask and the spread of its market', () => {
    const source = new SyntheticPriceSource(defaultPaperMarkets, { seed: 5, startMs });
    const quotes = source.advance(startMs + 600_000);

    expect(quotes).toHaveLength(601 * defaultPaperMarkets.length);
    for (const quote of quotes) {
      const spec = defaultPaperMarkets.find(
        (candidate) => candidate.market.symbol === quote.symbol,
      ) as PaperMarketSpec;
      expect(
        quote.bid.modulo(spec.market.priceTick).isZero() && quote.ask.modulo(spec.market.priceTick).isZero(),
      ).toBe(true);
      expect(quote.askSize.modulo(spec.market.amountStep).isZero()).toBe(true);
      expect(quote.bid.lessThan(quote.ask)).toBe(true);
      const spreadBps = quote.ask.minus(quote.bid).dividedBy(quote.bid).times(10_000);
      expect(spreadBps.minus(spec.spreadBps).abs().lessThan(1)).toBe(true);
    }
  });

  it('when the first quote is taken then it sits at the initial price', () => {
    const [first] = new SyntheticPriceSource(defaultPaperMarkets, { seed: 9, startMs }).advance(startMs);

    expect(first?.bid.lessThanOrEqualTo(dec('60000')) && first?.ask.greaterThanOrEqualTo(dec('60000'))).toBe(
      true,
    );
  });

  it('when jumps are certain and volatility is zero then every step moves by a jump of at most its size', () => {
    const [btc] = defaultPaperMarkets;
    const jumpy = {
      ...(btc as PaperMarketSpec),
      walk: {
        ...(btc as PaperMarketSpec).walk,
        volatilityPerSqrtSecond: 0,
        jumpProbabilityPerStep: 1,
        jumpSize: 0.05,
      },
    };
    const mids = new SyntheticPriceSource([jumpy], { seed: 4, startMs })
      .advance(startMs + 100_000)
      .map((quote) => quote.bid.plus(quote.ask).dividedBy(2));
    const moves = mids.slice(1).map((mid, index) =>
      mid
        .dividedBy(mids[index] ?? mid)
        .minus(1)
        .abs(),
    );

    expect(moves.every((move) => move.lessThanOrEqualTo('0.0501'))).toBe(true);
    expect(moves.some((move) => move.greaterThan('0.01'))).toBe(true);
  });

  it('when the state is saved and restored into a new source then the path continues identically', () => {
    const original = new SyntheticPriceSource(defaultPaperMarkets, { seed: 8, startMs });
    original.advance(startMs + 30_000);
    const restored = new SyntheticPriceSource(defaultPaperMarkets, { seed: 999, startMs: 0 });
    restored.restoreState(JSON.parse(JSON.stringify(original.saveState())));

    expect(text(restored.advance(startMs + 90_000))).toEqual(text(original.advance(startMs + 90_000)));
  });

  it('when the clock jumps further than the catch-up limit then only the last steps are simulated', () => {
    const source = new SyntheticPriceSource(defaultPaperMarkets.slice(0, 1), {
      seed: 1,
      startMs,
      maxCatchUpSteps: 10,
    });

    const quotes = source.advance(startMs + 86_400_000);

    expect(quotes).toHaveLength(11);
    expect(quotes.at(-1)?.timeMs).toBe(startMs + 86_400_000);
  });
});
