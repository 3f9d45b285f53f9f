// The pure report of a backtest run: trades and an equity curve in, figures, tables and JSON out.
export { backtestReport } from './backtest-report.js';
export { type DrawdownStats, drawdowns } from './drawdown.js';
export { reportDuration } from './duration.js';
export { AVERAGE_DECIMALS, RATIO_DECIMALS } from './precision.js';
export {
  type ChartCandle,
  type ChartLevel,
  type ChartPath,
  type ReportHtmlInput,
  reportHtml,
} from './report-html.js';
export { reportJson } from './report-json.js';
export { reportText, TEXT_TRADE_LIMIT } from './report-text.js';
export { periodReturns, type ReturnStats, returnStats, YEAR_MS } from './returns.js';
export { exitReasonKey, groupTrades, type TradeStats, tradeStats } from './trade-stats.js';
export type {
  BacktestInput,
  BacktestReport,
  BacktestSummary,
  BacktestTrade,
  DrawdownPoint,
  EquityPoint,
  GroupRow,
  ReportDuration,
  SymbolCloses,
} from './types.js';
