import type { Decimal } from '@hookline/core';

/**
 * One round trip as the backtest runner records it. A trade still open when the candles run out is
 * closed by the runner at the last close with exitReason 'END_OF_DATA', so normally every trade has
 * an exit; a trade with exitTime null is still counted (its pnl as given) under the reason 'OPEN'.
 */
export interface BacktestTrade {
  readonly symbol: string;
  readonly entryTime: Date;
  readonly exitTime: Date | null;
  readonly entryPrice: Decimal;
  readonly exitPrice: Decimal | null;
  readonly size: Decimal;
  /** Entry plus exit fees, in USD. */
  readonly fees: Decimal;
  /** Net of fees, in USD. */
  readonly pnl: Decimal;
  readonly exitReason: string | null;
}

/** Cash plus the positions' value at one candle's close. */
export interface EquityPoint {
  readonly time: Date;
  readonly equity: Decimal;
}

/** The first and the last close of one symbol over the backtest window, for buy-and-hold. */
export interface SymbolCloses {
  readonly symbol: string;
  readonly firstClose: Decimal;
  readonly lastClose: Decimal;
}

/** Everything backtestReport reads; nothing else (no clock, no I/O). */
export interface BacktestInput {
  readonly trades: readonly BacktestTrade[];
  /** One point per candle close, times strictly increasing. */
  readonly equityCurve: readonly EquityPoint[];
  /** The equity before the first candle (positive). */
  readonly initialEquity: Decimal;
  readonly closes: readonly SymbolCloses[];
  /** The candle length in ms (positive integer): returns are per candle, annualised by year / timeframe. */
  readonly timeframeMs: number;
  /**
   * Exposure: either the number of candles in which any position was open, or one flag per equity
   * point (true when a position was open in that candle).
   */
  readonly exposure: number | readonly boolean[];
}

/** A duration in ms with its ISO-8601 form ("P1DT2H") and a short human form ("1d 2h"). */
export interface ReportDuration {
  readonly ms: number;
  readonly iso: string;
  readonly text: string;
}

/**
 * The headline figures. Ratios named *Pct are percent (12.5 means 12.5 %); winRate is a fraction
 * (0.5 means half). null means "not defined for this input" (see docs/backtest-report.md).
 */
export interface BacktestSummary {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly winRate: Decimal | null;
  readonly netProfit: Decimal;
  readonly netProfitPct: Decimal;
  readonly fees: Decimal;
  readonly profitFactor: Decimal | null;
  readonly expectancy: Decimal | null;
  readonly maxDrawdown: Decimal;
  readonly maxDrawdownPct: Decimal;
  readonly maxDrawdownDuration: ReportDuration;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
  readonly exposurePct: Decimal | null;
  readonly buyAndHoldPct: Decimal | null;
}

/** Trades grouped by one key (exit reason or symbol). */
export interface GroupRow {
  readonly key: string;
  readonly count: number;
  readonly wins: number;
  readonly losses: number;
  readonly winRate: Decimal | null;
  readonly pnl: Decimal;
  readonly avgPnl: Decimal | null;
}

/** The distance below the running peak at one equity point. */
export interface DrawdownPoint {
  readonly time: Date;
  readonly drawdown: Decimal;
  readonly drawdownPct: Decimal;
}

export interface BacktestReport {
  readonly summary: BacktestSummary;
  readonly trades: readonly BacktestTrade[];
  readonly byExitReason: readonly GroupRow[];
  readonly bySymbol: readonly GroupRow[];
  readonly equityCurve: readonly EquityPoint[];
  readonly drawdownCurve: readonly DrawdownPoint[];
}
