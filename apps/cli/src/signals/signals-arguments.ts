import { type CandleTimeframe, candleTimeframes } from '@hookline/exchange';
import { UsageError } from '../usage.js';

/** What `signals` was asked for. */
export interface SignalsArguments {
  /** --symbols A,B (undefined: the configured universe, or the file's name offline). */
  readonly symbols: readonly string[] | undefined;
  /** --candles FILE.csv: compute offline from this file instead of reading the live matrix. */
  readonly candlesPath: string | undefined;
  /** --timeframe: the candle length of the file (offline; undefined: inferred from the file). */
  readonly timeframe: CandleTimeframe | undefined;
  /** --all: one row per candle of the file (offline only). */
  readonly all: boolean;
  readonly json: boolean;
  /** --output FILE: write the rows there (confirmed on stderr) instead of stdout. */
  readonly output: string | undefined;
}

/** The options of `signals` as the command line gives them. */
export interface SignalsOptions {
  readonly symbols?: readonly string[];
  readonly candles?: string;
  readonly timeframe?: string;
  readonly all?: boolean;
  readonly json?: boolean;
  readonly output?: string;
}

/** Reads `signals [--symbols A,B] [--candles FILE.csv [--timeframe TF] [--all]] [--json] [--output FILE]`. */
export function signalsArguments(options: SignalsOptions): SignalsArguments {
  // `--symbols A,B` and `--symbols A --symbols B` both work; empty parts are ignored.
  const symbols = options.symbols
    ?.flatMap((value) => value.split(','))
    .map((symbol) => symbol.trim())
    .filter((symbol) => symbol !== '');
  if (options.all && options.candles === undefined) {
    throw new UsageError('--all needs --candles FILE.csv (the live matrix has one row per symbol)');
  }
  if (options.timeframe !== undefined && options.candles === undefined) {
    throw new UsageError(
      '--timeframe needs --candles FILE.csv (the live matrix has the timeframe sighook computed)',
    );
  }
  return {
    symbols: symbols === undefined || symbols.length === 0 ? undefined : symbols,
    candlesPath: options.candles,
    timeframe: timeframeOf(options.timeframe),
    all: options.all === true,
    json: options.json === true,
    output: options.output,
  };
}

function timeframeOf(value: string | undefined): CandleTimeframe | undefined {
  if (value === undefined) return undefined;
  const timeframe = candleTimeframes.find((known) => known === value);
  if (timeframe === undefined) {
    throw new UsageError(
      `--timeframe "${value}" is not a candle length: expected ${candleTimeframes.join(', ')}`,
    );
  }
  return timeframe;
}
