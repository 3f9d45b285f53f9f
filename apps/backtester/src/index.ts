// The backtester: the webhook system and sighook's matrix and entries, composed on a virtual clock over
// candle files (the one place both services' code runs in one process besides the CLI).
export {
  type BacktestEngineOptions,
  type BacktestRun,
  type BacktestSeries,
  backtestConfig,
  type EquitySample,
  runBacktestEngine,
  type StopSample,
  type SymbolRange,
} from './backtest-engine.js';
export { reportOfRun } from './backtest-report-of.js';
export { END_OF_DATA, tradesOf } from './backtest-trades.js';
export { type BacktestFillModel, defaultFillModel, paperFillOptions } from './fill-model.js';
export { periodReport, type RunPeriod, runHalves } from './period-report.js';
