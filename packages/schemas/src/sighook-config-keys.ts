import { z } from 'zod';
import type { ConfigKey } from './config-key.js';
import { envDecimal, envInteger, envList } from './env-types.js';

/** The scoring components of the signal matrix, each with one weight in HOOKLINE_MATRIX_WEIGHTS. */
export const matrixScoreComponents = ['rsi', 'macd', 'bollinger', 'ema_cross', 'roc', 'volume'] as const;

/** One scoring component's name. */
export type MatrixScoreComponent = (typeof matrixScoreComponents)[number];

/** The weight of every component as decimal text; a component the value leaves out weighs 0 (off). */
export type MatrixWeights = Readonly<Record<MatrixScoreComponent, string>>;

/**
 * Reads `rsi=1,macd=1,…`: every part must be `component=non-negative decimal`, each component at most
 * once; an error names the bad part (a typo must not silently switch a component off).
 */
export const envMatrixWeights = z.string().transform((value, context): MatrixWeights => {
  const weights: Record<string, string> = Object.fromEntries(
    matrixScoreComponents.map((name) => [name, '0']),
  );
  const seen = new Set<string>();
  for (const part of value.split(',').map((item) => item.trim())) {
    if (part === '') continue;
    const problem = weightPartProblem(part, seen);
    if (problem) {
      context.addIssue({ code: 'custom', message: problem });
      continue;
    }
    const [name = '', weight = ''] = part.split('=').map((item) => item.trim());
    seen.add(name);
    weights[name] = weight;
  }
  if (Object.values(weights).every((weight) => Number(weight) === 0)) {
    context.addIssue({ code: 'custom', message: 'give at least one component a weight above 0' });
  }
  return weights as MatrixWeights;
});

function weightPartProblem(part: string, seen: ReadonlySet<string>): string | undefined {
  const pieces = part.split('=').map((item) => item.trim());
  const [name = '', weight = ''] = pieces;
  if (pieces.length !== 2) return `"${part}" must look like name=weight`;
  if (!(matrixScoreComponents as readonly string[]).includes(name)) {
    return `"${part}": unknown component "${name}" (known: ${matrixScoreComponents.join(', ')})`;
  }
  if (seen.has(name)) return `"${part}": ${name} is given twice`;
  if (!envDecimal.safeParse(weight).success)
    return `"${part}": the weight must be a non-negative decimal such as 0.5`;
  return undefined;
}

/** A whole-number indicator period (a look-back in candles). */
const envPeriod = envInteger(1, 500);

/** sighook's keys: the symbol universe, candles, the matrix's indicators, scoring and freshness. */
export const SIGHOOK_CONFIG_KEYS = {
  HOOKLINE_SIGHOOK_SYMBOLS: {
    schema: envList.pipe(z.array(z.string().min(1)).min(1, { error: 'name at least one symbol' })),
    default: 'BTC/USD,ETH/USD,SOL/USD',
    description:
      'The symbol universe sighook computes the matrix for (comma-separated, e.g. BTC/USD,ETH/USD).',
  },
  HOOKLINE_SIGHOOK_TIMEFRAME: {
    schema: z.enum(['1m', '5m', '15m', '30m', '1h', '2h', '6h', '1d']),
    default: '1m',
    description: 'Candle length of the matrix (one signal_matrix row per symbol per closed candle).',
  },
  HOOKLINE_SIGHOOK_POLL_INTERVAL_MS: {
    schema: envInteger(1_000, 3_600_000),
    default: '10000',
    description:
      'How often sighook asks the exchange for new candles (only candles after the last one kept).',
  },
  HOOKLINE_SIGHOOK_HISTORY_CANDLES: {
    schema: envInteger(50, 5_000),
    default: '300',
    description: 'Candles loaded per symbol at start and kept in memory (enough to warm up every indicator).',
  },
  HOOKLINE_SIGHOOK_ENTRIES: {
    schema: z.enum(['on', 'off']),
    default: 'on',
    description: 'on = a BUY for a symbol without an open position becomes an entry alert (source sighook).',
  },
  HOOKLINE_MATRIX_RSI_PERIOD: {
    schema: envPeriod,
    default: '14',
    description: "RSI look-back in candles (Wilder's smoothing).",
  },
  HOOKLINE_MATRIX_RSI_OVERSOLD: {
    schema: envDecimal,
    default: '30',
    description: 'RSI at or below this counts toward BUY (oversold); must be below the overbought level.',
  },
  HOOKLINE_MATRIX_RSI_OVERBOUGHT: {
    schema: envDecimal,
    default: '70',
    description: 'RSI at or above this counts toward SELL (overbought); at most 100.',
  },
  HOOKLINE_MATRIX_MACD_FAST: {
    schema: envPeriod,
    default: '12',
    description: 'MACD fast EMA period (must be below the slow period).',
  },
  HOOKLINE_MATRIX_MACD_SLOW: {
    schema: envPeriod,
    default: '26',
    description: 'MACD slow EMA period.',
  },
  HOOKLINE_MATRIX_MACD_SIGNAL: {
    schema: envPeriod,
    default: '9',
    description: 'MACD signal line: EMA of the MACD line over this many candles.',
  },
  HOOKLINE_MATRIX_BB_PERIOD: {
    schema: envPeriod,
    default: '20',
    description: 'Bollinger Bands: simple moving average period of the middle band.',
  },
  HOOKLINE_MATRIX_BB_STDDEV: {
    schema: envDecimal,
    default: '2',
    description: 'Bollinger Bands: upper/lower band = middle ± this × the standard deviation of the closes.',
  },
  HOOKLINE_MATRIX_ATR_PERIOD: {
    schema: envPeriod,
    default: '14',
    description: "ATR look-back in candles (Wilder's smoothing); the sentinel's trailing stop uses this ATR.",
  },
  HOOKLINE_MATRIX_ROC_PERIOD: {
    schema: envPeriod,
    default: '10',
    description: 'Rate of change: percent change of the close against the close this many candles earlier.',
  },
  HOOKLINE_MATRIX_EMA_FAST: {
    schema: envPeriod,
    default: '9',
    description: 'EMA cross: fast EMA period (must be below the slow period).',
  },
  HOOKLINE_MATRIX_EMA_SLOW: {
    schema: envPeriod,
    default: '21',
    description: 'EMA cross: slow EMA period.',
  },
  HOOKLINE_MATRIX_VOLUME_PERIOD: {
    schema: envPeriod,
    default: '20',
    description: "Volume ratio = the candle's volume / the average volume of this many candles before it.",
  },
  HOOKLINE_MATRIX_VOLUME_RATIO: {
    schema: envDecimal,
    default: '1.5',
    description: 'A volume ratio at or above this confirms the leading side (adds the volume weight to it).',
  },
  HOOKLINE_MATRIX_WEIGHTS: {
    schema: envMatrixWeights,
    default: 'rsi=1,macd=1,bollinger=1,ema_cross=1,roc=0.5,volume=0.5',
    description: `Weight of each scoring component (${matrixScoreComponents.join(', ')}); one left out weighs 0.`,
  },
  HOOKLINE_MATRIX_BUY_THRESHOLD: {
    schema: envDecimal,
    default: '3',
    description: 'BUY when the buy score is at least this and above the sell score (else HOLD or SELL).',
  },
  HOOKLINE_MATRIX_SELL_THRESHOLD: {
    schema: envDecimal,
    default: '3',
    description: 'SELL when the sell score is at least this and above the buy score.',
  },
  HOOKLINE_MATRIX_MAX_AGE_MS: {
    schema: envInteger(1_000, 86_400_000),
    default: '900000',
    description: 'Readers (API, signals --json, entries) refuse a matrix row computed longer ago than this.',
  },
} as const satisfies Record<string, ConfigKey>;
