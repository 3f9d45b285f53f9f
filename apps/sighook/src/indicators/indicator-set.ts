import { HooklineError } from '@hookline/core';
import type { Candle } from '@hookline/exchange';
import { ATR, BollingerBands, EMA, MACD, ROC, RSI, RVOL } from 'trading-signals';
import {
  DEFAULT_INDICATOR_PERIODS,
  type IndicatorPeriods,
  indicatorPeriodProblems,
} from './indicator-periods.js';
import type { IndicatorSnapshot, IndicatorValues } from './indicator-snapshot.js';

// Why JS numbers inside: trading-signals 8 computes on numbers only, and the matrix has to update 500
// symbols within 50 ms. Decimal stays at the boundary: candles arrive as Decimal, values leave as
// decimal text (indicator-text.ts). An indicator is a signal, never money, so binary rounding in the
// 12th digit changes no verdict.

/**
 * One symbol's indicators, kept incrementally: `update` adds one closed candle at a cost bounded by the
 * periods, never by the history (each library indicator keeps only its own window, e.g. Bollinger's
 * last 20 closes), so no history is ever recomputed.
 * RSI and ATR use trading-signals' default smoothing, WSMA = Wilder's smoothed average (seeded with the
 * simple average of the first `period` values, then avg = prev + (value − prev) / period), as Wilder
 * defines them. Its EMAs (MACD, EMA cross) start from the first price, not from a simple average as
 * StockCharts' do, and count as stable after `period` prices; the difference fades within a few
 * periods, well inside sighook's default 300-candle history.
 */
export class IndicatorSet {
  readonly periods: IndicatorPeriods;
  readonly #rsi: RSI;
  readonly #macd: MACD;
  readonly #bollinger: BollingerBands;
  readonly #atr: ATR;
  readonly #roc: ROC;
  readonly #emaFast: EMA;
  readonly #emaSlow: EMA;
  readonly #volume: RVOL;
  #lastTimeMs: number | undefined;
  #lastClose = 0;
  #count = 0;

  /** An empty set; throws INVALID_ARGUMENT listing every problem with the periods. */
  constructor(periods: IndicatorPeriods = DEFAULT_INDICATOR_PERIODS) {
    const problems = indicatorPeriodProblems(periods);
    if (problems.length > 0) {
      throw new HooklineError('INVALID_ARGUMENT', `bad indicator periods: ${problems.join('; ')}`);
    }
    this.periods = periods;
    this.#rsi = new RSI(periods.rsi);
    this.#macd = new MACD(new EMA(periods.macdFast), new EMA(periods.macdSlow), new EMA(periods.macdSignal));
    this.#bollinger = new BollingerBands(periods.bollinger, periods.bollingerDeviations);
    this.#atr = new ATR(periods.atr);
    this.#roc = new ROC(periods.roc);
    this.#emaFast = new EMA(periods.emaFast);
    this.#emaSlow = new EMA(periods.emaSlow);
    this.#volume = new RVOL(periods.volume);
  }

  /** A set warmed up on past candles (cold start); the candles must be closed and in time order. */
  static fromHistory(candles: Iterable<Candle>, periods: IndicatorPeriods = DEFAULT_INDICATOR_PERIODS) {
    const set = new IndicatorSet(periods);
    for (const candle of candles) set.update(candle);
    return set;
  }

  /** Candles added so far. */
  get candleCount(): number {
    return this.#count;
  }

  /** Open time (ms) of the latest candle, undefined before the first. */
  get lastCandleTimeMs(): number | undefined {
    return this.#lastTimeMs;
  }

  /**
   * Adds one closed candle. A candle not later than the previous one is refused: feeding a candle
   * twice would count it twice in every average, silently.
   */
  update(candle: Candle): void {
    const timeMs = candle.openTime.getTime();
    if (this.#lastTimeMs !== undefined && timeMs <= this.#lastTimeMs) {
      throw new HooklineError('INVALID_ARGUMENT', 'candles must be added in time order, each once', {
        context: { candleTime: candle.openTime, previous: new Date(this.#lastTimeMs) },
      });
    }
    const close = candle.close.toNumber();
    const high = candle.high.toNumber();
    const low = candle.low.toNumber();
    this.#rsi.add(close);
    this.#macd.add(close);
    this.#bollinger.add(close);
    this.#atr.add({ high, low, close });
    this.#roc.add(close);
    this.#emaFast.add(close);
    this.#emaSlow.add(close);
    this.#volume.add(candle.volume.toNumber());
    this.#lastTimeMs = timeMs;
    this.#lastClose = close;
    this.#count += 1;
  }

  /** The values after the latest candle; throws INVALID_ARGUMENT before the first candle. */
  snapshot(): IndicatorSnapshot {
    if (this.#lastTimeMs === undefined) {
      throw new HooklineError('INVALID_ARGUMENT', 'no candle yet: add one before taking a snapshot');
    }
    return {
      candleTimeMs: this.#lastTimeMs,
      close: this.#lastClose,
      candleCount: this.#count,
      values: this.#values(),
    };
  }

  #values(): IndicatorValues {
    const macd = this.#macd.getResult();
    // The library reports a signal line from the first MACD value on; we wait until its EMA has seen
    // `macdSignal` values, so a half-formed signal line is null rather than a made-up number.
    const signalReady = macd !== null && this.#macd.signal.isStable;
    const bands = this.#bollinger.getResult();
    const roc = this.#roc.getResult();
    return {
      rsi: finite(this.#rsi.getResult()),
      macd: finite(macd?.macd),
      macd_signal: signalReady ? finite(macd.signal) : null,
      macd_histogram: signalReady ? finite(macd.histogram) : null,
      bb_upper: finite(bands?.upper),
      bb_middle: finite(bands?.middle),
      bb_lower: finite(bands?.lower),
      atr: finite(this.#atr.getResult()),
      // trading-signals gives a fraction (0.025); the matrix shows percent (2.5) like StockCharts.
      roc: roc === null ? null : finite(roc * 100),
      // EMA.getResult() is null until the EMA has seen `period` prices.
      ema_fast: finite(this.#emaFast.getResult()),
      ema_slow: finite(this.#emaSlow.getResult()),
      volume_ratio: finite(this.#volume.getResult()),
    };
  }
}

// A division by a zero price or volume gives Infinity/NaN: report "unknown", never a made-up value.
function finite(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}
