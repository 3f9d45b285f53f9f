import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { periodReturns, returnStats, YEAR_MS } from '../src/index.js';
import { curve } from './support/builders.js';

// Three candles a year (P = 3): √P stays simple and the annualised return is the total return.
const THIRD_OF_YEAR_MS = YEAR_MS / 3;
const DAY_MS = 86_400_000;

function stats(equities: string[], timeframeMs: number, maxDrawdownPct: string) {
  return returnStats(dec('100'), curve(equities, timeframeMs), timeframeMs, dec(maxDrawdownPct));
}

describe('periodReturns', () => {
  it('when equity goes 100 → 110 → 99 → 108.9 then the returns are +10 %, −10 %, +10 %', () => {
    // 110 / 100 − 1 = 0.1; 99 / 110 − 1 = −0.1; 108.9 / 99 − 1 = 0.1 (all exact decimals).
    expect(periodReturns(dec('100'), curve(['110', '99', '108.9']))).toEqual([0.1, -0.1, 0.1]);
  });

  it('when an equity a return divides by is zero then there are no returns', () => {
    expect(periodReturns(dec('100'), curve(['100', '0', '50']))).toBeNull();
  });
});

describe('returnStats', () => {
  // r = 0.1, −0.1, 0.1. mean = 0.1 / 3 = 1/30.
  // sample variance = ((2/30)² + (4/30)² + (2/30)²) / 2 = (24/900) / 2 = 1/75; stdev = 1/√75.
  // downside deviation = √(0.1² / 3) = √(1/300) = 1/√300.
  // annualised return = (108.9 / 100)^(P / 3) − 1; maxDrawdownPct = (110 − 99) / 110 = 10 %.
  it.each([
    // P = 3: sharpe = (1/30) · √75 · √3 = 15 / 30 = 0.5
    ['sharpe with three candles a year', THIRD_OF_YEAR_MS, 'sharpe', 0.5],
    // P = 3: sortino = (1/30) · √300 · √3 = 30 / 30 = 1
    ['sortino with three candles a year', THIRD_OF_YEAR_MS, 'sortino', 1],
    // P = 3: annualised = 1.089^1 − 1 = 8.9 %; calmar = 8.9 / 10 = 0.89
    ['calmar with three candles a year', THIRD_OF_YEAR_MS, 'calmar', 0.89],
    // P = 365: sharpe = (1/30) · √75 · √365 = √27375 / 30 ≈ 5.515130
    ['sharpe with daily candles', DAY_MS, 'sharpe', Math.sqrt(27_375) / 30],
    // P = 365: sortino = (1/30) · √300 · √365 = √109500 / 30 ≈ 11.030261
    ['sortino with daily candles', DAY_MS, 'sortino', Math.sqrt(109_500) / 30],
  ] as const)(
    'when equity goes 100 → 110 → 99 → 108.9 then %s is the hand-computed value',
    (_name, timeframe, key, expected) => {
      expect(stats(['110', '99', '108.9'], timeframe, '10')[key]).toBeCloseTo(expected, 10);
    },
  );

  it.each([
    // All returns 0: stdev 0 and no downside; no drawdown either.
    ['equity is flat', ['100', '100', '100'], '0', { sharpe: null, sortino: null, calmar: null }],
    // Every return exactly 0.1 (110, 121, 133.1): stdev 0, no negative return, no drawdown.
    ['every return is the same', ['110', '121', '133.1'], '0', { sharpe: null, sortino: null, calmar: null }],
    // One return (−10 %): sharpe and sortino need two; calmar = (0.9³ − 1) × 100 / 10 = (0.729 − 1) × 10 = −2.71.
    ['there is one candle', ['90'], '10', { sharpe: null, sortino: null, calmar: -2.71 }],
    // r = 0.1, 0.2: mean 0.15, stdev √(0.05² · 2 / 1) = √0.005; sharpe = 0.15 / √0.005 · √3 = 3√3/√2 ≈ 3.674235.
    [
      'equity only rises',
      ['110', '132'],
      '0',
      { sharpe: (3 * Math.sqrt(3)) / Math.sqrt(2), sortino: null, calmar: null },
    ],
    [
      'equity reaches zero before the end',
      ['100', '0', '50'],
      '100',
      { sharpe: null, sortino: null, calmar: null },
    ],
    ['there are no equity points', [], '0', { sharpe: null, sortino: null, calmar: null }],
  ])('when %s then the undefined ratios are null', (_situation, equities, maxDrawdownPct, expected) => {
    const result = stats(equities, THIRD_OF_YEAR_MS, maxDrawdownPct);

    for (const key of ['sharpe', 'sortino', 'calmar'] as const) {
      const value = expected[key];
      if (value === null) expect(result[key], key).toBeNull();
      else expect(result[key], key).toBeCloseTo(value, 10);
    }
  });
});

describe('returnStats overflow', () => {
  it('when a very short run is annualised beyond a finite number then calmar is null', () => {
    // Hourly candles: P = 8760, n = 2; growth 200 / 100 = 2 and 2^4380 ≈ 10^1318 overflows to Infinity.
    const result = returnStats(dec('100'), curve(['90', '200']), 3_600_000, dec('10'));

    expect(result.calmar).toBeNull();
  });
});
