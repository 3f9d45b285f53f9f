import { parseArgs } from 'node:util';
import { UsageError } from '../usage.js';

/** What `signals` was asked for. */
export interface SignalsArguments {
  /** --symbols A,B (undefined: the configured universe, or the file's name offline). */
  readonly symbols: readonly string[] | undefined;
  /** --candles FILE.csv: compute offline from this file instead of reading the live matrix. */
  readonly candlesPath: string | undefined;
  /** --all: one row per candle of the file (offline only). */
  readonly all: boolean;
  readonly json: boolean;
}

/** Parses `signals [--symbols A,B] [--candles FILE.csv] [--all] [--json]`. */
export function parseSignalsArguments(args: readonly string[]): SignalsArguments {
  const values = parsedOptions(args);
  // `--symbols A,B` and `--symbols A --symbols B` both work; empty parts are ignored.
  const symbols = values.symbols
    ?.flatMap((value) => value.split(','))
    .map((symbol) => symbol.trim())
    .filter((symbol) => symbol !== '');
  return {
    symbols: symbols === undefined || symbols.length === 0 ? undefined : symbols,
    candlesPath: values.candles,
    all: values.all === true,
    json: values.json === true,
  };
}

// An unknown or malformed option is a usage error (the help text), not an unexpected failure.
function parsedOptions(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        symbols: { type: 'string', multiple: true },
        candles: { type: 'string' },
        all: { type: 'boolean' },
        json: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`signals: ${error instanceof Error ? error.message : String(error)}`);
  }
}
