// The report as one self-contained HTML file: the summary, the tables by exit reason and by symbol and
// the trades (server-rendered, exact values), then charts drawn by TradingView's lightweight-charts,
// whose standalone script the caller passes in (read from the package): the equity curve, the
// drawdown, and each symbol's candles with entries, exits, each trade's hard-stop level and the path
// of its trailing stop marked.
import type { Decimal } from '@hookline/core';
import { reportJson } from './report-json.js';
import type { BacktestReport } from './types.js';

/** One candle of a chart (time of its open, in ms). */
export interface ChartCandle {
  readonly timeMs: number;
  readonly open: Decimal;
  readonly high: Decimal;
  readonly low: Decimal;
  readonly close: Decimal;
}

/** A price level held over a time range (a trade's hard stop). */
export interface ChartLevel {
  readonly symbol: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly price: Decimal;
}

/** A price that moves over time, drawn as steps (a trade's trailing stop): points in time order. */
export interface ChartPath {
  readonly symbol: string;
  readonly points: ReadonlyArray<{ readonly timeMs: number; readonly price: Decimal }>;
}

/** What the page shows. */
export interface ReportHtmlInput {
  readonly title: string;
  readonly report: BacktestReport;
  readonly candles: ReadonlyMap<string, readonly ChartCandle[]>;
  readonly levels: readonly ChartLevel[];
  /** Default none. */
  readonly paths?: readonly ChartPath[];
  /** lightweight-charts' standalone production script (its text), inlined so the file works offline. */
  readonly chartScript: string;
}

/** The HTML text. Identical input gives identical bytes. */
export function reportHtml(input: ReportHtmlInput): string {
  const json = JSON.parse(reportJson(input.report)) as ReportShape;
  const sec = (ms: number) => Math.floor(ms / 1000);
  const data = {
    equity: json.equityCurve.map((point) => ({
      time: sec(Date.parse(point.time)),
      value: Number(point.equity),
    })),
    drawdown: json.drawdownCurve.map((point) => ({
      time: sec(Date.parse(point.time)),
      value: -Number(point.drawdownPct),
    })),
    symbols: [...input.candles.entries()].map(([symbol, candles]) => ({
      symbol,
      candles: candles.map((c) => ({
        time: sec(c.timeMs),
        open: Number(c.open),
        high: Number(c.high),
        low: Number(c.low),
        close: Number(c.close),
      })),
      trades: json.trades
        .filter((trade) => trade.symbol === symbol)
        .map((trade) => ({
          entry: sec(Date.parse(trade.entryTime)),
          exit: trade.exitTime ? sec(Date.parse(trade.exitTime)) : null,
          reason: trade.exitReason ?? 'OPEN',
        })),
      levels: input.levels
        .filter((level) => level.symbol === symbol)
        .map((level) => ({ from: sec(level.fromMs), to: sec(level.toMs), price: Number(level.price) })),
      paths: (input.paths ?? [])
        .filter((path) => path.symbol === symbol)
        .map((path) => path.points.map((point) => ({ time: sec(point.timeMs), value: Number(point.price) }))),
    })),
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(input.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b1f24;background:#fff}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}td,th{padding:3px 10px;border-bottom:1px solid #e3e6ea;text-align:right}
th{background:#f4f6f8}td:first-child,th:first-child{text-align:left}
.chart{width:100%;max-width:1100px;height:320px;margin:8px 0 16px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));max-width:1100px}
</style></head><body>
<h1>${esc(input.title)}</h1>
<h2>Summary</h2>
${table(['metric', 'value'], summaryRows(json.summary))}
<h2>Equity</h2><div id="equity" class="chart"></div>
<h2>Drawdown (% below the running peak)</h2><div id="drawdown" class="chart" style="height:200px"></div>
${data.symbols.map((s, index) => `<h2>${esc(s.symbol)}: candles, entries ▲, exits ▼, hard stop, trailing stop</h2><div id="symbol-${index}" class="chart" style="height:420px"></div>`).join('\n')}
<h2>By exit reason</h2>
${table(['exit reason', 'count', 'wins', 'losses', 'win rate', 'pnl', 'avg pnl'], json.byExitReason.map(groupRow))}
<h2>By symbol</h2>
${table(['symbol', 'count', 'wins', 'losses', 'win rate', 'pnl', 'avg pnl'], json.bySymbol.map(groupRow))}
<h2>Trades</h2>
${table(
  ['symbol', 'entry time', 'exit time', 'entry', 'exit', 'size', 'fees', 'pnl', 'exit reason'],
  json.trades.map((t) => [
    t.symbol,
    t.entryTime,
    t.exitTime ?? '',
    t.entryPrice,
    t.exitPrice ?? '',
    t.size,
    t.fees,
    t.pnl,
    t.exitReason ?? '',
  ]),
)}
<script>${input.chartScript.replaceAll('</script', '<\\/script')}</script>
<script>const DATA=${JSON.stringify(data).replaceAll('<', '\\u003c')};
${CHART_CODE}</script>
</body></html>
`;
}

// Runs in the page: one chart per element, sized to it.
const CHART_CODE = `
const LC = LightweightCharts;
const make = (id) => LC.createChart(document.getElementById(id), { autoSize: true, layout: { attributionLogo: false }, timeScale: { timeVisible: true } });
const equity = make('equity');
equity.addSeries(LC.LineSeries, { color: '#1f6feb', lineWidth: 2 }).setData(DATA.equity);
equity.timeScale().fitContent();
const drawdown = make('drawdown');
drawdown.addSeries(LC.AreaSeries, { lineColor: '#cf222e', topColor: 'rgba(207,34,46,0.05)', bottomColor: 'rgba(207,34,46,0.35)', invertFilledArea: true }).setData(DATA.drawdown);
drawdown.timeScale().fitContent();
DATA.symbols.forEach((s, index) => {
  const chart = make('symbol-' + index);
  const candles = chart.addSeries(LC.CandlestickSeries, {});
  candles.setData(s.candles);
  const markers = [];
  for (const t of s.trades) {
    markers.push({ time: t.entry, position: 'belowBar', color: '#1a7f37', shape: 'arrowUp', text: 'buy' });
    if (t.exit !== null) markers.push({ time: t.exit, position: 'aboveBar', color: '#cf222e', shape: 'arrowDown', text: t.reason });
  }
  const times = new Set(s.candles.map((c) => c.time));
  const onCandle = (time) => { let t = time; while (!times.has(t) && t > 0) t -= 60; return t; };
  LC.createSeriesMarkers(candles, markers.map((m) => ({ ...m, time: onCandle(m.time) })).sort((a, b) => a.time - b.time));
  for (const level of s.levels) {
    const line = chart.addSeries(LC.LineSeries, { color: '#bf8700', lineWidth: 1, lineStyle: 2, priceLineVisible: false, lastValueVisible: false });
    line.setData([{ time: onCandle(level.from), value: level.price }, { time: onCandle(level.to), value: level.price }].filter((p, i, all) => i === 0 || p.time > all[0].time));
  }
  for (const path of s.paths) {
    // Several sweeps fall in one candle: the candle shows the last stop of it.
    const byTime = new Map();
    for (const p of path) byTime.set(onCandle(p.time), p.value);
    const line = chart.addSeries(LC.LineSeries, { color: '#8250df', lineWidth: 2, lineType: 1, priceLineVisible: false, lastValueVisible: false });
    line.setData([...byTime].map(([time, value]) => ({ time, value })).sort((a, b) => a.time - b.time));
  }
  chart.timeScale().fitContent();
});
`;

interface ReportShape {
  summary: Record<string, unknown>;
  trades: Array<
    Record<string, string | null> & {
      symbol: string;
      entryTime: string;
      exitTime: string | null;
      exitReason: string | null;
    }
  >;
  byExitReason: Array<Record<string, unknown>>;
  bySymbol: Array<Record<string, unknown>>;
  equityCurve: Array<{ time: string; equity: string }>;
  drawdownCurve: Array<{ time: string; drawdownPct: string }>;
}

function summaryRows(summary: Record<string, unknown>): string[][] {
  return Object.entries(summary).map(([key, value]) => [
    key,
    value === null
      ? 'n/a'
      : typeof value === 'object'
        ? String((value as { text?: string }).text ?? JSON.stringify(value))
        : String(value),
  ]);
}

function groupRow(row: Record<string, unknown>): string[] {
  return ['key', 'count', 'wins', 'losses', 'winRate', 'pnl', 'avgPnl'].map((key) =>
    row[key] === null || row[key] === undefined ? 'n/a' : String(row[key]),
  );
}

function table(header: readonly string[], rows: readonly (readonly (string | null | undefined)[])[]): string {
  const head = `<tr>${header.map((cell) => `<th>${esc(cell)}</th>`).join('')}</tr>`;
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${esc(cell ?? '')}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>${head}\n${body}</table>`;
}

function esc(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
