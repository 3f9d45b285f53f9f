import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { backtestReport } from '../src/index.js';
import { curve, HOUR_MS, input, plain, trade } from './support/builders.js';
import { scenario } from './support/scenario.js';

describe('backtestReport', () => {
  it('when a consistent run is reported then every summary figure is the hand-computed one', () => {
    const { summary } = backtestReport(scenario());

    expect({ ...summary, sharpe: undefined, sortino: undefined, calmar: undefined }).toEqual({
      trades: 3,
      wins: 2, // +50, +10
      losses: 1, // −20
      winRate: dec(2).dividedBy(3), // 2 / 3
      netProfit: dec('40'), // 50 − 20 + 10
      netProfitPct: dec('4'), // 40 / 1000 × 100
      fees: dec('2.5'), // 1 + 1 + 0.5
      profitFactor: dec('3'), // 60 / 20
      expectancy: dec('13.33333333'), // 40 / 3 rounded to 8 decimals
      maxDrawdown: dec('20'), // peak 1050 − 1030
      maxDrawdownPct: dec(20).times(100).dividedBy(1050), // 20 / 1050 × 100 = 1.904761…
      // Peak 1050 at the 2nd close, never regained: 2nd to 5th close = 3 h.
      maxDrawdownDuration: { ms: 3 * HOUR_MS, iso: 'PT3H', text: '3h' },
      sharpe: undefined,
      sortino: undefined,
      calmar: undefined,
      exposurePct: dec('80'), // 4 flags of 5
      buyAndHoldPct: dec('5'), // (+20 % BTC − 10 % ETH) / 2
    });
    expect(summary.sharpe).not.toBeNull();
    expect(summary.sortino).not.toBeNull();
    expect(summary.calmar).not.toBeNull();
  });

  it('when a run is reported then bySymbol and byExitReason split the trades and the curves follow the input', () => {
    const report = backtestReport(scenario());

    expect(
      report.bySymbol.map((row) => [row.key, row.count, row.wins, plain(row.pnl), plain(row.avgPnl)]),
    ).toEqual([
      ['BTC/USD', 2, 2, '60', '30'], // 50 + 10, / 2
      ['ETH/USD', 1, 0, '-20', '-20'],
    ]);
    expect(report.byExitReason.map((row) => row.key)).toEqual(['END_OF_DATA', 'STOP_LOSS', 'TAKE_PROFIT']);
    expect(report.trades).toEqual(scenario().trades);
    expect(report.equityCurve).toEqual(scenario().equityCurve);
    expect(report.drawdownCurve.map((point) => plain(point.drawdown))).toEqual(['0', '0', '20', '20', '10']);
  });

  it.each([
    ['the exposure is a count of candles', 2, '40'], // 2 / 5
    ['no position was ever open', 0, '0'],
    ['a position was open in every candle', [true, true, true, true, true], '100'],
  ] as const)(
    'when %s then exposurePct is exposed candles over candles',
    (_situation, exposure, expected) => {
      expect(plain(backtestReport({ ...scenario(), exposure }).summary.exposurePct)).toBe(expected);
    },
  );

  it('when there are no trades then every figure is 0 or null as documented', () => {
    const { summary, byExitReason, bySymbol } = backtestReport(input());

    expect(summary).toEqual({
      trades: 0,
      wins: 0,
      losses: 0,
      winRate: null,
      netProfit: dec('0'),
      netProfitPct: dec('0'),
      fees: dec('0'),
      profitFactor: null,
      expectancy: null,
      maxDrawdown: dec('0'),
      maxDrawdownPct: dec('0'),
      maxDrawdownDuration: { ms: 0, iso: 'PT0S', text: '0s' },
      sharpe: null,
      sortino: null,
      calmar: null,
      exposurePct: dec('0'),
      buyAndHoldPct: dec('0'),
    });
    expect([byExitReason, bySymbol]).toEqual([[], []]);
  });

  it('when there are no equity points and no closes then exposure and buy-and-hold are null', () => {
    const { summary } = backtestReport(input({ equityCurve: [], closes: [] }));

    expect([summary.exposurePct, summary.buyAndHoldPct, summary.maxDrawdownDuration.ms]).toEqual([
      null,
      null,
      0,
    ]);
  });

  it('when the one trade loses and the equity never recovers then the drawdown lasts until the end', () => {
    const run = input({ trades: [trade('-30')], equityCurve: curve(['1000', '970', '970']), exposure: 1 });

    const { summary } = backtestReport(run);

    // 1000 at the 1st close is the peak; 970 to the 3rd close: 2 h. 30 / 1000 = 3 %.
    expect([
      summary.losses,
      plain(summary.winRate),
      plain(summary.profitFactor),
      plain(summary.maxDrawdownPct),
    ]).toEqual([1, '0', '0', '3']);
    expect(summary.maxDrawdownDuration.ms).toBe(2 * HOUR_MS);
  });
});
