import type { MatrixRow } from '@hookline/schemas';

type Column = { readonly title: string; readonly value: (row: MatrixRow) => string };

/** The compact table's columns: the verdict first, then the indicators people look at most. */
const COLUMNS: readonly Column[] = [
  { title: 'SYMBOL', value: (row) => row.symbol },
  { title: 'TF', value: (row) => row.timeframe },
  { title: 'CANDLE', value: (row) => row.candle_time.replace('.000Z', 'Z') },
  { title: 'ACTION', value: (row) => row.action },
  { title: 'BUY', value: (row) => shown(row.buy_score) },
  { title: 'SELL', value: (row) => shown(row.sell_score) },
  { title: 'RSI', value: (row) => shown(row.indicators.rsi) },
  { title: 'MACD_HIST', value: (row) => shown(row.indicators.macd_histogram) },
  { title: 'ROC%', value: (row) => shown(row.indicators.roc) },
  { title: 'VOL_RATIO', value: (row) => shown(row.indicators.volume_ratio) },
  { title: 'ATR', value: (row) => shown(row.atr) },
];

/** The rows as an aligned text table (a header, then one line per row); `--json` has every value. */
export function formatSignalsTable(rows: readonly MatrixRow[]): string {
  if (rows.length === 0) return ''; // the reasons are on stderr; a bare header would say nothing
  const cells = [
    COLUMNS.map((column) => column.title),
    ...rows.map((row) => COLUMNS.map((c) => c.value(row))),
  ];
  const widths = COLUMNS.map((_, index) => Math.max(...cells.map((line) => (line[index] ?? '').length)));
  return cells
    .map((line) =>
      line
        .map((cell, index) => cell.padEnd(widths[index] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

// Display only: decimals cut (not rounded) to 4 places so the table stays narrow; null = warming up.
function shown(value: string | null): string {
  if (value === null) return '-';
  return value.replace(/(\.\d{4})\d+$/, '$1');
}
