import { type Decimal, dec, HooklineError } from '@hookline/core';
import type { Config } from '@hookline/schemas';
import {
  DEFAULT_INDICATOR_PERIODS,
  type IndicatorPeriods,
  indicatorPeriodProblems,
} from '../indicators/indicator-periods.js';

/** A scoring component (rsi, macd, bollinger, ema_cross, roc, volume), as HOOKLINE_MATRIX_WEIGHTS names it. */
export type MatrixScoreComponent = keyof Config['HOOKLINE_MATRIX_WEIGHTS'];

/** Everything the matrix computation needs: indicator periods, scoring levels, weights and thresholds. */
export interface MatrixSettings {
  readonly periods: IndicatorPeriods;
  /** RSI at or below this votes BUY. */
  readonly rsiOversold: number;
  /** RSI at or above this votes SELL. */
  readonly rsiOverbought: number;
  /** A volume ratio at or above this confirms the leading side. */
  readonly volumeRatioThreshold: number;
  readonly weights: Readonly<Record<MatrixScoreComponent, Decimal>>;
  readonly buyThreshold: Decimal;
  readonly sellThreshold: Decimal;
}

/** The defaults .env.example documents (HOOKLINE_MATRIX_*). */
export const DEFAULT_MATRIX_SETTINGS: MatrixSettings = Object.freeze({
  periods: DEFAULT_INDICATOR_PERIODS,
  rsiOversold: 30,
  rsiOverbought: 70,
  volumeRatioThreshold: 1.5,
  weights: Object.freeze({
    rsi: dec(1),
    macd: dec(1),
    bollinger: dec(1),
    ema_cross: dec(1),
    roc: dec('0.5'),
    volume: dec('0.5'),
  }),
  buyThreshold: dec(3),
  sellThreshold: dec(3),
});

/** The matrix settings from the validated configuration; throws INVALID_ARGUMENT listing every problem. */
export function matrixSettingsFromConfig(config: Config): MatrixSettings {
  const weights = config.HOOKLINE_MATRIX_WEIGHTS;
  return checkedMatrixSettings({
    periods: {
      rsi: config.HOOKLINE_MATRIX_RSI_PERIOD,
      macdFast: config.HOOKLINE_MATRIX_MACD_FAST,
      macdSlow: config.HOOKLINE_MATRIX_MACD_SLOW,
      macdSignal: config.HOOKLINE_MATRIX_MACD_SIGNAL,
      bollinger: config.HOOKLINE_MATRIX_BB_PERIOD,
      bollingerDeviations: Number(config.HOOKLINE_MATRIX_BB_STDDEV),
      atr: config.HOOKLINE_MATRIX_ATR_PERIOD,
      roc: config.HOOKLINE_MATRIX_ROC_PERIOD,
      emaFast: config.HOOKLINE_MATRIX_EMA_FAST,
      emaSlow: config.HOOKLINE_MATRIX_EMA_SLOW,
      volume: config.HOOKLINE_MATRIX_VOLUME_PERIOD,
    },
    rsiOversold: Number(config.HOOKLINE_MATRIX_RSI_OVERSOLD),
    rsiOverbought: Number(config.HOOKLINE_MATRIX_RSI_OVERBOUGHT),
    volumeRatioThreshold: Number(config.HOOKLINE_MATRIX_VOLUME_RATIO),
    weights: {
      rsi: dec(weights.rsi),
      macd: dec(weights.macd),
      bollinger: dec(weights.bollinger),
      ema_cross: dec(weights.ema_cross),
      roc: dec(weights.roc),
      volume: dec(weights.volume),
    },
    buyThreshold: dec(config.HOOKLINE_MATRIX_BUY_THRESHOLD),
    sellThreshold: dec(config.HOOKLINE_MATRIX_SELL_THRESHOLD),
  });
}

/** The settings, frozen, when they are consistent; else INVALID_ARGUMENT naming every problem. */
export function checkedMatrixSettings(settings: MatrixSettings): MatrixSettings {
  const problems = [...indicatorPeriodProblems(settings.periods), ...levelProblems(settings)];
  if (problems.length > 0) {
    throw new HooklineError('INVALID_ARGUMENT', `bad matrix settings: ${problems.join('; ')}`);
  }
  return Object.freeze({ ...settings });
}

// Keys are checked one by one at start-up; these rules relate two keys, so they are checked here.
function levelProblems(settings: MatrixSettings): string[] {
  const problems: string[] = [];
  if (!(settings.rsiOversold < settings.rsiOverbought)) {
    problems.push(
      `HOOKLINE_MATRIX_RSI_OVERSOLD (${settings.rsiOversold}) must be below HOOKLINE_MATRIX_RSI_OVERBOUGHT (${settings.rsiOverbought})`,
    );
  }
  if (settings.rsiOverbought > 100) {
    problems.push(
      `HOOKLINE_MATRIX_RSI_OVERBOUGHT (${settings.rsiOverbought}) must be at most 100 (RSI's scale)`,
    );
  }
  if (Object.values(settings.weights).some((weight) => weight.isNegative())) {
    problems.push('matrix weights must not be negative');
  }
  return problems;
}
