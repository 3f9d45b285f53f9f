import { toPlainString } from '@hookline/core';
import type { MatrixRow } from '@hookline/schemas';
import type { IndicatorSnapshot } from '../indicators/indicator-snapshot.js';
import { toMatrixIndicators } from '../indicators/indicator-text.js';
import type { MatrixSettings } from './matrix-settings.js';
import { scoreSignals } from './signal-scoring.js';

/**
 * The matrix row of one symbol on its latest closed candle (pure: the time of computation is passed in).
 * `candle_time` is the candle's open time; scores are decimal text of the summed weights.
 */
export function computeMatrixRow(
  symbol: string,
  timeframe: string,
  snapshot: IndicatorSnapshot,
  settings: MatrixSettings,
  computedAtMs: number,
): MatrixRow {
  const score = scoreSignals(snapshot, settings);
  const indicators = toMatrixIndicators(snapshot.values);
  return {
    symbol,
    timeframe,
    candle_time: new Date(snapshot.candleTimeMs).toISOString(),
    computed_at: new Date(computedAtMs).toISOString(),
    indicators,
    buy_score: toPlainString(score.buyScore),
    sell_score: toPlainString(score.sellScore),
    action: score.action,
    atr: indicators.atr,
  };
}
