import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { type BacktestInput, backtestReport } from '../src/index.js';
import { curve, input, trade } from './support/builders.js';

describe('backtest input validation', () => {
  it.each<[string, Partial<BacktestInput>, RegExp]>([
    ['initial equity is zero', { initialEquity: dec('0') }, /initialEquity must be positive/],
    ['the timeframe is not whole', { timeframeMs: 1.5 }, /timeframeMs must be a positive whole number/],
    [
      'equity times go backwards',
      { equityCurve: [...curve(['1', '2']).reverse()] },
      /equityCurve\[1\]\.time is not after/,
    ],
    [
      'a trade exits before it enters',
      { trades: [trade('1', { exitTime: new Date(0) })] },
      /trades\[0\] \(BTC\/USD\)\.exitTime is before its entryTime/,
    ],
    [
      'a fee is negative',
      { trades: [trade('1', { fees: dec('-1') })] },
      /trades\[0\] \(BTC\/USD\)\.fees is negative/,
    ],
    [
      'a pnl is a JS number',
      { trades: [trade('1', { pnl: 1 as never })] },
      /trades\[0\] \(BTC\/USD\)\.pnl is not a finite Decimal/,
    ],
    [
      'exposure counts more candles than there are',
      { exposure: 4 },
      /exposure must be a whole number of candles from 0 to 3/,
    ],
    [
      'exposure flags do not match the curve',
      { exposure: [true] },
      /exposure has 1 flags for 3 equity points/,
    ],
    [
      'a first close is zero',
      { closes: [{ symbol: 'X', firstClose: dec('0'), lastClose: dec('1') }] },
      /closes\[0\]\.firstClose \(X\) must be positive/,
    ],
  ])('when %s then the error says which field is wrong', (_situation, overrides, message) => {
    expect(() => backtestReport(input(overrides))).toThrow(message);
  });

  it('when exposure flags match the curve and the closes are positive then the input is accepted', () => {
    expect(() => backtestReport(input({ exposure: [true, false, true] }))).not.toThrow();
  });
});
