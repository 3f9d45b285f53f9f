import { type BacktestTrade, backtestReport, reportHtml } from '@hookline/backtest';
import type { StopSample } from '@hookline/backtester';
import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { trailingPaths } from '../src/backtest/backtest-html.js';

const hour = 3_600_000;
const t0 = Date.parse('2025-01-02T00:00:00Z');
const at = (hours: number) => t0 + hours * hour;

function trade(symbol: string, entryHours: number, exitHours: number | null): BacktestTrade {
  return {
    symbol,
    entryTime: new Date(at(entryHours)),
    exitTime: exitHours === null ? null : new Date(at(exitHours)),
    entryPrice: dec('100'),
    exitPrice: exitHours === null ? null : dec('104'),
    size: dec('1'),
    fees: dec('1'),
    pnl: dec('3'),
    exitReason: exitHours === null ? null : 'TRAILING_STOP',
  };
}

const report = (trades: BacktestTrade[]) =>
  backtestReport({
    trades,
    equityCurve: [0, 1, 2, 3, 4, 5, 6].map((hours) => ({ time: new Date(at(hours)), equity: dec('1000') })),
    initialEquity: dec('1000'),
    closes: [{ symbol: 'BTC/USD', firstClose: dec('100'), lastClose: dec('104') }],
    timeframeMs: hour,
    exposure: 3,
  });

const sample = (hours: number, symbol: string, stop: string): StopSample => ({
  timeMs: at(hours),
  symbol,
  stop: dec(stop),
});

describe('the trailing stop path of the backtest page', () => {
  it.each([
    {
      name: 'the samples of its symbol from entry to exit are its path',
      trades: [trade('BTC/USD', 1, 3)],
      samples: [
        sample(0.5, 'BTC/USD', '90'),
        sample(1.5, 'BTC/USD', '101'),
        sample(2.25, 'BTC/USD', '102'),
        sample(2.5, 'ETH/USD', '50'),
        sample(3.5, 'BTC/USD', '103'),
      ],
      paths: [['BTC/USD', ['101', '102']]],
    },
    {
      name: 'a trade still open at the end runs to the last candle',
      trades: [trade('BTC/USD', 1, null)],
      samples: [sample(1.25, 'BTC/USD', '101'), sample(5.75, 'BTC/USD', '103')],
      paths: [['BTC/USD', ['101', '103']]],
    },
    {
      name: 'a trade whose trailing stop never activated has no path',
      trades: [trade('BTC/USD', 1, 2)],
      samples: [sample(4, 'BTC/USD', '103')],
      paths: [],
    },
  ])('when $name', ({ trades, samples, paths }) => {
    const result = trailingPaths(report(trades), samples, at(6));

    expect(result.map((path) => [path.symbol, path.points.map((point) => point.price.toString())])).toEqual(
      paths,
    );
  });

  it('when a trade has a path then the page carries its points and draws them as a step line', () => {
    const trades = [trade('BTC/USD', 1, 3)];
    const paths = trailingPaths(
      report(trades),
      [sample(1.5, 'BTC/USD', '101'), sample(2.5, 'BTC/USD', '102.5')],
      at(6),
    );
    const candles = new Map([
      [
        'BTC/USD',
        [0, 1, 2, 3].map((hours) => ({
          timeMs: at(hours),
          open: dec('100'),
          high: dec('105'),
          low: dec('99'),
          close: dec('104'),
        })),
      ],
    ]);

    const page = reportHtml({
      title: 't',
      report: report(trades),
      candles,
      levels: [],
      paths,
      chartScript: '',
    });

    const seconds = (hours: number) => at(hours) / 1000;
    expect(page).toContain(
      `"paths":[[{"time":${seconds(1.5)},"value":101},{"time":${seconds(2.5)},"value":102.5}]]`,
    );
    expect(page).toContain('lineType: 1');
    expect(page).toContain('hard stop, trailing stop');
  });
});
