import { describe, expect, it } from 'vitest';
import { backtestReport, reportText, TEXT_TRADE_LIMIT } from '../src/index.js';
import { input, trade } from './support/builders.js';
import { scenario } from './support/scenario.js';

function section(text: string, title: string): string[] {
  const lines = text.split('\n');
  const from = lines.indexOf(title) + 2;
  const to = lines.indexOf('', from);
  return lines.slice(from, to === -1 ? undefined : to);
}

describe('reportText', () => {
  it('when a run is rendered then the summary is a table whose values end in one column', () => {
    const summary = section(reportText(backtestReport(scenario())), 'Backtest summary');

    expect(summary[0]).toMatch(/^metric\s+value$/);
    expect(new Set(summary.map((line) => line.length)).size).toBe(1);
    expect(summary).toContain(summary.find((line) => /^winRate\s+0\.6667 \(66\.67%\)$/.test(line)));
    expect(summary.some((line) => /^maxDrawdownDuration\s+3h \(PT3H\)$/.test(line))).toBe(true);
    expect(summary.some((line) => /^buyAndHoldPct\s+5\.00%$/.test(line))).toBe(true);
  });

  it('when a run is rendered then the exit reason, symbol and trade tables are there and aligned', () => {
    const text = reportText(backtestReport(scenario()));

    expect(section(text, 'By exit reason')).toEqual([
      'exit reason  count  wins  losses           winRate     pnl  avg pnl',
      '-----------  -----  ----  ------  ----------------  ------  -------',
      'END_OF_DATA      1     1       0  1.0000 (100.00%)   10.00    10.00',
      'STOP_LOSS        1     0       1    0.0000 (0.00%)  -20.00   -20.00',
      'TAKE_PROFIT      1     1       0  1.0000 (100.00%)   50.00    50.00',
    ]);
    expect(section(text, 'By symbol')[2]).toMatch(
      /^BTC\/USD\s+2\s+2\s+0\s+1\.0000 \(100\.00%\)\s+60\.00\s+30\.00$/,
    );
    expect(section(text, 'Trades')).toHaveLength(2 + 3);
  });

  it('when there are no trades then the tables say so and undefined metrics read n/a', () => {
    const text = reportText(backtestReport(input()));

    expect(section(text, 'By exit reason')).toEqual(['(no trades)']);
    expect(section(text, 'Backtest summary').some((line) => /^profitFactor\s+n\/a$/.test(line))).toBe(true);
  });

  it('when there are more trades than the limit then they are counted, not listed', () => {
    const trades = Array.from({ length: TEXT_TRADE_LIMIT + 1 }, () => trade('1'));

    const text = reportText(backtestReport(input({ trades })));

    expect(text).toContain(
      `${TEXT_TRADE_LIMIT + 1} trades (more than ${TEXT_TRADE_LIMIT}; the JSON report lists them)`,
    );
    expect(text).not.toContain('\nTrades\n');
  });
});
