import { type Decimal, ZERO } from '@hookline/core';
import type { MatrixAction } from '@hookline/schemas';
import type { IndicatorSnapshot } from '../indicators/indicator-snapshot.js';
import type { MatrixScoreComponent, MatrixSettings } from './matrix-settings.js';

/** A component's opinion: a side, no opinion, or (volume only) "confirms the leading side"; null = not known yet. */
export type ComponentVote = 'BUY' | 'SELL' | 'NEUTRAL' | 'CONFIRM';

/** One row of the scoring table. */
interface ScoringRule {
  /** Whether a component still warming up forces HOLD (volume only confirms, so it never does). */
  readonly required: boolean;
  readonly vote: (snapshot: IndicatorSnapshot, settings: MatrixSettings) => ComponentVote | null;
}

/**
 * The scoring table: each component with a weight > 0 adds its weight to the side it votes for.
 *
 * | component | votes BUY when              | votes SELL when             | required |
 * |-----------|-----------------------------|-----------------------------|----------|
 * | rsi       | RSI ≤ oversold (30)         | RSI ≥ overbought (70)       | yes      |
 * | macd      | histogram > 0               | histogram < 0               | yes      |
 * | bollinger | close < lower band          | close > upper band          | yes      |
 * | ema_cross | fast EMA > slow EMA         | fast EMA < slow EMA         | yes      |
 * | roc       | ROC > 0                     | ROC < 0                     | yes      |
 * | volume    | ratio ≥ threshold (1.5): adds its weight to the side already ahead; nothing on a tie | no |
 *
 * RSI and Bollinger vote for mean reversion, MACD, EMA cross and ROC for the trend: with the default
 * thresholds (3 of a total weight of 5) a BUY needs the trend plus an oversold reading, or the trend plus volume.
 * Volume has no direction of its own, so it can only strengthen what the price components say.
 */
export const SCORING_TABLE: Readonly<Record<MatrixScoreComponent, ScoringRule>> = Object.freeze({
  rsi: rule(true, ({ values: { rsi } }, settings) =>
    rsi === null ? null : side(rsi <= settings.rsiOversold, rsi >= settings.rsiOverbought),
  ),
  macd: rule(true, ({ values: { macd_histogram: histogram } }) =>
    histogram === null ? null : side(histogram > 0, histogram < 0),
  ),
  bollinger: rule(true, ({ close, values: { bb_lower: lower, bb_upper: upper } }) =>
    lower === null || upper === null ? null : side(close < lower, close > upper),
  ),
  ema_cross: rule(true, ({ values: { ema_fast: fast, ema_slow: slow } }) =>
    fast === null || slow === null ? null : side(fast > slow, fast < slow),
  ),
  roc: rule(true, ({ values: { roc } }) => (roc === null ? null : side(roc > 0, roc < 0))),
  volume: rule(false, ({ values: { volume_ratio: ratio } }, settings) => {
    if (ratio === null) return null;
    return ratio >= settings.volumeRatioThreshold ? 'CONFIRM' : 'NEUTRAL';
  }),
});

/** The scores of one snapshot, its action, and which weighted components are still warming up. */
export interface SignalScore {
  readonly buyScore: Decimal;
  readonly sellScore: Decimal;
  readonly action: MatrixAction;
  /** Weighted components without a value yet; a required one here forces HOLD. */
  readonly warmingUp: readonly MatrixScoreComponent[];
}

/**
 * Scores a snapshot with the table above. Action: BUY when buy ≥ buy threshold and buy > sell; SELL when
 * sell ≥ sell threshold and sell > buy; otherwise HOLD. While a required weighted component is warming
 * up the action is HOLD, and the scores are those of the components already known (so a row shows how
 * far the known part leans, but never acts on half a picture).
 */
export function scoreSignals(snapshot: IndicatorSnapshot, settings: MatrixSettings): SignalScore {
  let buyScore = ZERO;
  let sellScore = ZERO;
  let confirming = false;
  const warmingUp: MatrixScoreComponent[] = [];
  for (const [component, scoring] of Object.entries(SCORING_TABLE) as [MatrixScoreComponent, ScoringRule][]) {
    const weight = settings.weights[component];
    if (weight.isZero()) continue;
    const vote = scoring.vote(snapshot, settings);
    if (vote === null) warmingUp.push(component);
    else if (vote === 'BUY') buyScore = buyScore.plus(weight);
    else if (vote === 'SELL') sellScore = sellScore.plus(weight);
    else if (vote === 'CONFIRM') confirming = true;
  }
  // Volume is added last: it confirms whichever side the price components already favour.
  if (confirming && !buyScore.equals(sellScore)) {
    if (buyScore.greaterThan(sellScore)) buyScore = buyScore.plus(settings.weights.volume);
    else sellScore = sellScore.plus(settings.weights.volume);
  }
  const blocked = warmingUp.some((component) => SCORING_TABLE[component].required);
  return {
    buyScore,
    sellScore,
    action: blocked ? 'HOLD' : decideAction(buyScore, sellScore, settings),
    warmingUp,
  };
}

/** The action rule alone (see scoreSignals). */
export function decideAction(buyScore: Decimal, sellScore: Decimal, settings: MatrixSettings): MatrixAction {
  if (buyScore.greaterThanOrEqualTo(settings.buyThreshold) && buyScore.greaterThan(sellScore)) return 'BUY';
  if (sellScore.greaterThanOrEqualTo(settings.sellThreshold) && sellScore.greaterThan(buyScore))
    return 'SELL';
  return 'HOLD';
}

function rule(required: boolean, vote: ScoringRule['vote']): ScoringRule {
  return { required, vote };
}

function side(buy: boolean, sell: boolean): ComponentVote {
  if (buy) return 'BUY';
  return sell ? 'SELL' : 'NEUTRAL';
}
