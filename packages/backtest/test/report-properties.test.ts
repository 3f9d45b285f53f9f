import { dec, sum } from '@hookline/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BacktestInput, backtestReport, reportJson } from '../src/index.js';
import { curve, HOUR_MS, start, trade } from './support/builders.js';

const initialEquity = dec('10000');

// Trades with cent pnl and fees; the curve is what a consistent runner records: the trades close one
// per candle in order, each close moving equity by its pnl, then a few flat candles.
const runSpec = fc
  .record({
    trades: fc.array(
      fc.record({
        pnlCents: fc.integer({ min: -5000, max: 5000 }),
        feeCents: fc.integer({ min: 0, max: 100 }),
        symbol: fc.constantFrom('BTC/USD', 'ETH/USD', 'SOL/USD'),
        exitReason: fc.constantFrom('TAKE_PROFIT', 'STOP_LOSS', 'TRAILING_STOP', 'END_OF_DATA'),
      }),
      { maxLength: 12 },
    ),
    flatCandles: fc.integer({ min: 0, max: 3 }),
    exposed: fc.array(fc.boolean(), { minLength: 15, maxLength: 15 }),
  })
  .map(({ trades, flatCandles, exposed }): BacktestInput => {
    const built = trades.map((spec, index) =>
      trade(dec(spec.pnlCents).dividedBy(100).toFixed(), {
        symbol: spec.symbol,
        exitReason: spec.exitReason,
        fees: dec(spec.feeCents).dividedBy(100),
        entryTime: new Date(start + index * HOUR_MS),
        exitTime: new Date(start + (index + 1) * HOUR_MS),
      }),
    );
    let equity = initialEquity;
    const equities = built.map((item) => {
      equity = equity.plus(item.pnl);
      return equity.toFixed();
    });
    const points = curve([...equities, ...Array<string>(flatCandles).fill(equity.toFixed())]);
    return {
      trades: built,
      equityCurve: points,
      initialEquity,
      closes: [{ symbol: 'BTC/USD', firstClose: dec('100'), lastClose: dec('101') }],
      timeframeMs: HOUR_MS,
      exposure: exposed.slice(0, points.length),
    };
  });

describe('backtest report properties', () => {
  it('when the runner is consistent then netProfit is the sum of trade pnl and the final equity minus the initial', () => {
    fc.assert(
      fc.property(runSpec, (run) => {
        const { summary } = backtestReport(run);
        const finalEquity = run.equityCurve.at(-1)?.equity ?? initialEquity;

        expect(summary.netProfit.equals(sum(run.trades.map((item) => item.pnl)))).toBe(true);
        expect(summary.netProfit.equals(finalEquity.minus(initialEquity))).toBe(true);
      }),
    );
  });

  it('when any run is reported then the groups add up to the summary and the bounds hold', () => {
    fc.assert(
      fc.property(runSpec, (run) => {
        const report = backtestReport(run);
        const { summary } = report;

        for (const rows of [report.byExitReason, report.bySymbol]) {
          expect(rows.reduce((total, row) => total + row.count, 0)).toBe(summary.trades);
          expect(rows.reduce((total, row) => total + row.wins, 0)).toBe(summary.wins);
          expect(sum(rows.map((row) => row.pnl)).equals(summary.netProfit)).toBe(true);
        }
        expect(summary.wins + summary.losses).toBeLessThanOrEqual(summary.trades);
        expect(summary.maxDrawdown.isNegative()).toBe(false);
        expect(summary.maxDrawdownPct.lessThanOrEqualTo(100)).toBe(true);
        expect(report.drawdownCurve).toHaveLength(run.equityCurve.length);
        if (summary.winRate !== null) expect(summary.winRate.lessThanOrEqualTo(1)).toBe(true);
      }),
    );
  });

  it('when the same run is reported twice from separate copies then the JSON is byte-identical', () => {
    fc.assert(
      fc.property(runSpec, (run) => {
        const copy: BacktestInput = {
          ...run,
          trades: run.trades.map((item) => ({ ...item, pnl: dec(item.pnl.toFixed()) })),
          equityCurve: run.equityCurve.map((point) => ({
            time: new Date(point.time),
            equity: dec(point.equity.toFixed()),
          })),
        };

        expect(reportJson(backtestReport(copy))).toBe(reportJson(backtestReport(run)));
      }),
    );
  });
});
