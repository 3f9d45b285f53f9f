import { type Decimal, dec, toFixedString } from '@hookline/core';
import { textTable } from './text-table.js';
import type { BacktestReport, BacktestSummary, GroupRow } from './types.js';

/** reportText lists the trades one by one only up to this many. */
export const TEXT_TRADE_LIMIT = 20;

/**
 * A readable summary for a terminal: the summary as an aligned two-column table, the by-exit-reason
 * and by-symbol tables and, when there are at most TEXT_TRADE_LIMIT trades, the trades. Money shows
 * 2 decimals, percentages 2 decimals and a '%', other ratios 4 decimals; 'n/a' marks an undefined
 * metric. Rounded for reading only: reportJson holds the exact values.
 */
export function reportText(report: BacktestReport): string {
  const lines = ['Backtest summary', '', ...summaryLines(report.summary), ''];
  lines.push('By exit reason', '', ...groupLines('exit reason', report.byExitReason), '');
  lines.push('By symbol', '', ...groupLines('symbol', report.bySymbol), '');
  if (report.trades.length > TEXT_TRADE_LIMIT) {
    lines.push(`${report.trades.length} trades (more than ${TEXT_TRADE_LIMIT}; the JSON report lists them)`);
  } else {
    lines.push('Trades', '', ...tradeLines(report));
  }
  return `${lines.join('\n')}\n`;
}

function summaryLines(summary: BacktestSummary): string[] {
  const rows: [string, string][] = [
    ['trades', String(summary.trades)],
    ['wins', String(summary.wins)],
    ['losses', String(summary.losses)],
    ['winRate', fraction(summary.winRate)],
    ['netProfit', usd(summary.netProfit)],
    ['netProfitPct', pct(summary.netProfitPct)],
    ['fees', usd(summary.fees)],
    ['profitFactor', plain(summary.profitFactor)],
    ['expectancy', usd(summary.expectancy)],
    ['maxDrawdown', usd(summary.maxDrawdown)],
    ['maxDrawdownPct', pct(summary.maxDrawdownPct)],
    ['maxDrawdownDuration', `${summary.maxDrawdownDuration.text} (${summary.maxDrawdownDuration.iso})`],
    ['sharpe', plain(summary.sharpe)],
    ['sortino', plain(summary.sortino)],
    ['calmar', plain(summary.calmar)],
    ['exposurePct', pct(summary.exposurePct)],
    ['buyAndHoldPct', pct(summary.buyAndHoldPct)],
  ];
  return textTable(
    [
      { header: 'metric', align: 'left' },
      { header: 'value', align: 'right' },
    ],
    rows,
  );
}

function groupLines(keyHeader: string, rows: readonly GroupRow[]): string[] {
  if (rows.length === 0) return ['(no trades)'];
  return textTable(
    [
      { header: keyHeader, align: 'left' },
      ...['count', 'wins', 'losses', 'winRate', 'pnl', 'avg pnl'].map((header) => ({
        header,
        align: 'right' as const,
      })),
    ],
    rows.map((row) => [
      row.key,
      String(row.count),
      String(row.wins),
      String(row.losses),
      fraction(row.winRate),
      usd(row.pnl),
      usd(row.avgPnl),
    ]),
  );
}

function tradeLines(report: BacktestReport): string[] {
  if (report.trades.length === 0) return ['(no trades)'];
  const headers = [
    'symbol',
    'entry time',
    'exit time',
    'entry',
    'exit',
    'size',
    'fees',
    'pnl',
    'exit reason',
  ];
  const right = new Set(['entry', 'exit', 'size', 'fees', 'pnl']);
  return textTable(
    headers.map((header) => ({ header, align: right.has(header) ? 'right' : 'left' })),
    report.trades.map((trade) => [
      trade.symbol,
      trade.entryTime.toISOString(),
      trade.exitTime?.toISOString() ?? '-',
      dec(trade.entryPrice).toString(),
      trade.exitPrice === null ? '-' : dec(trade.exitPrice).toString(),
      dec(trade.size).toString(),
      usd(trade.fees),
      usd(trade.pnl),
      trade.exitReason ?? 'OPEN',
    ]),
  );
}

function usd(value: Decimal | null): string {
  return value === null ? 'n/a' : toFixedString(value, 2);
}

function pct(value: Decimal | null): string {
  return value === null ? 'n/a' : `${toFixedString(value, 2)}%`;
}

function fraction(value: Decimal | null): string {
  return value === null ? 'n/a' : `${toFixedString(value, 4)} (${toFixedString(dec(value).times(100), 2)}%)`;
}

function plain(value: Decimal | number | null): string {
  if (value === null) return 'n/a';
  return toFixedString(typeof value === 'number' ? dec(String(value)) : value, 4);
}
