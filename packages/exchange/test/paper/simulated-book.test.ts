import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { defaultPaperMarkets, type PaperMarketSpec } from '../../src/index.js';
import { SimulatedBook } from '../../src/paper/simulated-book.js';

const { market } = defaultPaperMarkets[0] as PaperMarketSpec;
const quote = {
  symbol: market.symbol,
  timeMs: 0,
  bid: dec('100'),
  ask: dec('100.01'),
  bidSize: dec('1'),
  askSize: dec('2'),
  volume: dec('0'),
};
const book = () => new SimulatedBook(quote, market, { depth: 3, levelSpacingBps: dec('10') });
const show = (slices: { price: { toString(): string }; amount: { toString(): string } }[]) =>
  slices.map((s) => `${s.amount}@${s.price}`);

describe('SimulatedBook', () => {
  it('when built then each side has its depth of levels moving away from the best price by the spacing', () => {
    const levels = book();

    expect(levels.asks.map((level) => level.price.toString())).toEqual(['100.01', '100.12', '100.22']);
    expect(levels.bids.map((level) => level.price.toString())).toEqual(['100', '99.9', '99.8']);
  });

  it('when a market buy is larger than a level then it walks the asks and takes the size each offers', () => {
    expect(show(book().take('buy', dec('5'), undefined))).toEqual(['2@100.01', '2@100.12', '1@100.22']);
  });

  it('when a limit stops the walk then only levels at or better than it are taken', () => {
    expect(show(book().take('sell', dec('5'), dec('99.9')))).toEqual(['1@100', '1@99.9']);
  });

  it('when liquidity is taken then it stays taken for the next order, unless it was a dry run', () => {
    const levels = book();
    levels.take('buy', dec('1'), undefined, true);
    levels.take('buy', dec('1.5'), undefined);

    expect(show(levels.take('buy', dec('1'), dec('100.01')))).toEqual(['0.5@100.01']);
  });

  it.each([
    ['buy', '100.01', true],
    ['buy', '100', false],
    ['sell', '100', true],
    ['sell', '100.01', false],
  ] as const)('when a %s at %s is checked then crossing is %s', (side, price, crosses) => {
    expect(book().wouldCross(side, dec(price))).toBe(crosses);
  });
});
