// The flags of `data download`, checked before anything is fetched: a bad one is a usage error (exit 2).
import { type CandleTimeframe, candleTimeframes } from '@hookline/exchange';
import { UsageError } from '../usage.js';

/** The venues `data download` reads candles from, and the most candles one request returns there. */
export const candlePageLimits = { coinbase: 300, kraken: 720, binance: 1000 } as const;

export type CandleVenue = keyof typeof candlePageLimits;

/** A checked `data download` command line. */
export interface DownloadArguments {
  readonly exchange: CandleVenue;
  readonly symbols: readonly string[];
  readonly timeframe: CandleTimeframe;
  readonly sinceMs: number;
  readonly untilMs: number | undefined;
  readonly dir: string;
}

/** The default folder of candle files (relative to where the command runs). */
export const DEFAULT_CANDLE_DIR = 'candles';

export function downloadArguments(options: Record<string, unknown>): DownloadArguments {
  const exchange = text(options.exchange, '--exchange');
  if (!(exchange in candlePageLimits)) {
    throw new UsageError(
      `--exchange must be one of ${Object.keys(candlePageLimits).join(', ')}, got "${exchange}"`,
    );
  }
  const symbols = ((options.symbols as string[] | undefined) ?? [])
    .flatMap((value) => value.split(','))
    .map((symbol) => symbol.trim())
    .filter((symbol) => symbol !== '');
  if (symbols.length === 0) throw new UsageError('--symbols is required, e.g. --symbols BTC-USD,ETH-USD');
  const timeframe = text(options.timeframe, '--timeframe');
  if (!(candleTimeframes as readonly string[]).includes(timeframe)) {
    throw new UsageError(`--timeframe must be one of ${candleTimeframes.join(', ')}, got "${timeframe}"`);
  }
  const sinceMs = parseDate(text(options.since, '--since'), '--since');
  const untilMs = options.until === undefined ? undefined : parseDate(String(options.until), '--until');
  if (untilMs !== undefined && untilMs <= sinceMs) {
    throw new UsageError(
      `--until (${String(options.until)}) must be after --since (${String(options.since)})`,
    );
  }
  const dir = options.dir === undefined ? DEFAULT_CANDLE_DIR : String(options.dir);
  return {
    exchange: exchange as CandleVenue,
    symbols,
    timeframe: timeframe as CandleTimeframe,
    sinceMs,
    untilMs,
    dir,
  };
}

function text(value: unknown, flag: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value.trim();
}

/** `2025-01-01` (UTC midnight) or ISO-8601 with Z or an offset; a time without one is refused. */
function parseDate(value: string, flag: string): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const withOffset = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d\d:?\d\d)$/i.test(value);
  const time = dateOnly ? Date.parse(`${value}T00:00:00Z`) : withOffset ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new UsageError(`${flag} "${value}" is not a date: give 2025-01-01 (UTC) or 2025-01-01T12:00:00Z`);
  }
  return time;
}
