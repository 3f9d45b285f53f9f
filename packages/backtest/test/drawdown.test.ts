import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { drawdowns, reportDuration } from '../src/index.js';
import { curve, HOUR_MS, plain } from './support/builders.js';

describe('drawdowns', () => {
  it('when equity falls, recovers and falls again then each point is hand-computed against its running peak', () => {
    // Initial 100; closes t1..t6 hourly: 110, 99, 104.5, 121, 110, 96.8.
    const stats = drawdowns(dec('100'), curve(['110', '99', '104.5', '121', '110', '96.8']), HOUR_MS);

    expect(stats.curve.map((point) => [plain(point.drawdown), point.drawdownPct.toFixed(4)])).toEqual([
      ['0', '0.0000'], // 110 ≥ 100: new peak 110 at t1
      ['11', '10.0000'], // 110 − 99 = 11; 11 / 110 = 10 %
      ['5.5', '5.0000'], // 110 − 104.5 = 5.5; 5.5 / 110 = 5 %
      ['0', '0.0000'], // 121 ≥ 110: recovered at t4 (period t1..t4 = 3 h), new peak 121
      ['11', '9.0909'], // 121 − 110 = 11; 11 / 121 = 9.0909 %
      ['24.2', '20.0000'], // 121 − 96.8 = 24.2; 24.2 / 121 = 20 %; not recovered (t4..t6 = 2 h)
    ]);
    expect(plain(stats.maxDrawdown)).toBe('24.2');
    expect(plain(stats.maxDrawdownPct)).toBe('20');
    // Longest period: t1..t4 = 3 h (the open one, t4..t6, lasts 2 h).
    expect(stats.maxDrawdownDurationMs).toBe(3 * HOUR_MS);
  });

  it.each([
    // 100 at t1 sets the peak; t2 and t3 are below it to the end: t1..t3 = 2 h.
    ['a drawdown is never recovered', '100', ['100', '90', '80'], { dd: '20', pct: '20', ms: 2 * HOUR_MS }],
    // Below 100 from the first close: the period starts at the first candle's open (t1 − 1 h), runs to t2.
    [
      'equity is below the initial equity from the first close',
      '100',
      ['90', '95'],
      { dd: '10', pct: '10', ms: 2 * HOUR_MS },
    ],
    // 200 → 150: 50 = 25 %; 300 → 240: 60 = 20 %. Money and percent maxima fall on different points.
    ['the peak moves up', '100', ['200', '150', '300', '240'], { dd: '60', pct: '25', ms: 2 * HOUR_MS }],
    ['equity is flat', '100', ['100', '100'], { dd: '0', pct: '0', ms: 0 }],
    ['equity only rises', '100', ['101', '102'], { dd: '0', pct: '0', ms: 0 }],
    ['there are no equity points', '100', [], { dd: '0', pct: '0', ms: 0 }],
  ])(
    'when %s then maxDrawdown, maxDrawdownPct and the duration are as documented',
    (_situation, initial, equities, expected) => {
      const stats = drawdowns(dec(initial), curve(equities), HOUR_MS);

      expect({
        dd: plain(stats.maxDrawdown),
        pct: plain(stats.maxDrawdownPct),
        ms: stats.maxDrawdownDurationMs,
      }).toEqual(expected);
    },
  );
});

describe('reportDuration', () => {
  it.each([
    [0, 'PT0S', '0s'],
    [1, 'PT0.001S', '0.001s'],
    [3 * HOUR_MS, 'PT3H', '3h'],
    [86_400_000, 'P1D', '1d'],
    // 1 d + 1 h + 1 min + 1.5 s = 86 400 000 + 3 600 000 + 60 000 + 1 500 = 90 061 500 ms.
    [90_061_500, 'P1DT1H1M1.5S', '1d 1h 1m 1.5s'],
    [14 * 86_400_000 + 30 * 60_000, 'P14DT30M', '14d 30m'],
  ])('when %d ms is formatted then it reads %s and %s', (ms, iso, text) => {
    expect(reportDuration(ms)).toEqual({ ms, iso, text });
  });
});
