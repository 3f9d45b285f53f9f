import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { backtestReport, reportJson } from '../src/index.js';
import { curve, input, trade } from './support/builders.js';
import { scenario } from './support/scenario.js';

describe('reportJson', () => {
  it('when the same input is reported twice then the JSON strings are byte-identical', () => {
    expect(reportJson(backtestReport(scenario()))).toBe(reportJson(backtestReport(scenario())));
  });

  it('when a run is serialised then the summary keys come in the fixed order and values are exact strings', () => {
    const json = JSON.parse(reportJson(backtestReport(scenario())));

    expect(Object.keys(json)).toEqual([
      'summary',
      'trades',
      'byExitReason',
      'bySymbol',
      'equityCurve',
      'drawdownCurve',
    ]);
    expect({ ...json.summary, sharpe: 'x', sortino: 'x', calmar: 'x' }).toEqual({
      trades: 3,
      wins: 2,
      losses: 1,
      winRate: '0.666667', // 2 / 3 to 6 decimals, half away from zero
      netProfit: '40',
      netProfitPct: '4.000000',
      fees: '2.5',
      profitFactor: '3.000000',
      expectancy: '13.33333333',
      maxDrawdown: '20',
      maxDrawdownPct: '1.904762', // 20 / 1050 × 100 = 1.9047619…
      maxDrawdownDuration: { ms: 10_800_000, iso: 'PT3H', text: '3h' },
      sharpe: 'x',
      sortino: 'x',
      calmar: 'x',
      exposurePct: '80.000000',
      buyAndHoldPct: '5.000000',
    });
    for (const key of ['sharpe', 'sortino', 'calmar']) expect(json.summary[key]).toMatch(/^-?\d+\.\d{6}$/);
  });

  it('when there are no trades then the undefined metrics serialise as null', () => {
    const summary = JSON.parse(reportJson(backtestReport(input()))).summary;

    expect([summary.winRate, summary.profitFactor, summary.expectancy, summary.sharpe]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('when money has many decimals then it is written in full without exponent notation', () => {
    const run = input({
      trades: [
        trade('0.00000001', {
          fees: dec('0.000000000000000001'),
          exitReason: null,
          exitTime: null,
          exitPrice: null,
        }),
      ],
      equityCurve: curve(['1000.00000001', '1000.00000001', '1000.00000001']),
    });

    const json = JSON.parse(reportJson(backtestReport(run)));

    expect([
      json.trades[0].pnl,
      json.trades[0].fees,
      json.trades[0].exitTime,
      json.equityCurve[0].equity,
    ]).toEqual(['0.00000001', '0.000000000000000001', null, '1000.00000001']);
    expect(json.byExitReason[0].key).toBe('OPEN');
  });

  it('when a trade is serialised then its fields are in the input type order with ISO times', () => {
    const json = JSON.parse(reportJson(backtestReport(scenario())));

    expect(json.trades[1]).toEqual({
      symbol: 'ETH/USD',
      entryTime: '2024-01-01T02:00:00.000Z',
      exitTime: '2024-01-01T03:00:00.000Z',
      entryPrice: '50',
      exitPrice: '48',
      size: '10',
      fees: '1',
      pnl: '-20',
      exitReason: 'STOP_LOSS',
    });
    expect(json.drawdownCurve[2]).toEqual({
      time: '2024-01-01T03:00:00.000Z',
      drawdown: '20',
      drawdownPct: '1.904762',
    });
  });
});
