// The I/O half of a sweep's load step: open positions, stored states, a quote per held symbol (all in
// one call to the quote cache, fed by the venue's ticker stream) and the latest matrix rows, read
// concurrently. A quote that cannot be read, or whose feed is frozen, makes that symbol stale, never
// the sweep: one bad market must not leave the others unwatched.
import { type Clock, type Decimal, dec } from '@hookline/core';
import type { ExchangePort, Market, QuoteSource, Ticker } from '@hookline/exchange';
import {
  type LatestMatrixRow,
  type MatrixReader,
  type ParsedMatrixRows,
  readLatestMatrixRows,
} from '@hookline/runtime';
import type { MatrixRow } from '@hookline/schemas';
import type { OpenPosition, PositionStateStore, Store, StoredPositionState } from '@hookline/store';
import type { Redis } from 'ioredis';
import type { ExitMarketView } from '../rules/exit-types.js';
import type { OpenPositionReader } from './kept-positions.js';
import type { SentinelExits } from './sentinel-ports.js';

/** Everything one sweep reads before it evaluates. */
export interface SweepInputs {
  readonly positions: readonly OpenPosition[];
  readonly states: ReadonlyMap<string, StoredPositionState>;
  /** The quote per held symbol, or why there is none. */
  readonly quotes: ReadonlyMap<string, Ticker | string>;
  readonly matrix: ReadonlyMap<string, LatestMatrixRow>;
  /** Symbols with an exit working (after this sweep's advance()). */
  readonly exiting: ReadonlySet<string>;
}

/** Where the load step reads from. */
export interface SweepSources {
  readonly store: Store;
  /** Where the open positions come from (the ledger; kept between sweeps without another writer). */
  readonly positions: OpenPositionReader;
  readonly exchange: ExchangePort;
  /** The quote cache every held symbol's quote is read from. */
  readonly quotes: QuoteSource;
  /** undefined: no matrix (replay); trailing then uses its widest distance and no signal exits. */
  readonly redis: Redis | undefined;
  /** Redis key prefix of the matrix rows (sighook's; default `hookline`). */
  readonly matrixPrefix: string;
  /** The rows parsed by this sentinel's earlier sweeps (an unchanged row is not parsed again). */
  readonly parsedRows?: ParsedMatrixRows;
  /** Where matrix rows are read instead of Redis (a backtest's rows, published at each candle close). */
  readonly matrix?: MatrixReader | undefined;
  readonly clock: Clock;
  readonly states: PositionStateStore;
  readonly exits: Pick<SentinelExits, 'activeExitSymbols'>;
}

/** Reads the sweep's inputs for `account`; `markets` were read once for the sweep. */
export async function loadSweepInputs(
  sources: SweepSources,
  account: string,
  markets: readonly Market[],
  maxSignalAgeMs: number,
): Promise<SweepInputs> {
  const [positions, states, exiting] = await Promise.all([
    sources.positions(account, markets),
    sources.states.load(account),
    sources.exits.activeExitSymbols(),
  ]);
  const symbols = positions.map((position) => position.symbol);
  const [quotes, matrix] = await Promise.all([
    readQuotes(sources.quotes, symbols),
    sources.matrix !== undefined
      ? sources.matrix(symbols, { nowMs: sources.clock.nowMs(), maxAgeMs: maxSignalAgeMs })
      : sources.redis === undefined
        ? new Map<string, LatestMatrixRow>()
        : readLatestMatrixRows(sources.redis, symbols, {
            nowMs: sources.clock.nowMs(),
            maxAgeMs: maxSignalAgeMs,
            prefix: sources.matrixPrefix,
            ...(sources.parsedRows === undefined ? {} : { parsed: sources.parsedRows }),
          }).catch(() => new Map<string, LatestMatrixRow>()),
  ]);
  return { positions, states, quotes, matrix, exiting };
}

/** The quotes of every held symbol in one call; a frozen feed is a reason, not a quote. */
async function readQuotes(
  quotes: QuoteSource,
  symbols: readonly string[],
): Promise<Map<string, Ticker | string>> {
  const read = await quotes
    .readQuotes(symbols)
    .catch((error: unknown) => new Map(symbols.map((symbol) => [symbol, describe(error)])));
  return new Map(
    symbols.map((symbol): [string, Ticker | string] => {
      const quote = read.get(symbol) ?? `no quote for ${symbol}`;
      if (typeof quote === 'string') return [symbol, quote];
      if (quote.frozen) {
        return [symbol, `the ${symbol} feed is frozen: the price has not changed and its stream is silent`];
      }
      return [symbol, quote];
    }),
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The rules' view of a symbol's market: the quote's age is taken from the older of its exchange
 * time and our receive time (as the risk gate does), so a lagging feed and a stuck reader are both
 * stale. ATR and signal come from the latest matrix row when it is fresh.
 */
export function marketViewOf(ticker: Ticker, row: LatestMatrixRow | undefined): ExitMarketView {
  const quoteTimeMs = Math.min(ticker.exchangeTime.getTime(), ticker.receivedAt.getTime());
  if (row === undefined || !row.ok) {
    return {
      bid: ticker.bid,
      ask: ticker.ask,
      quoteTimeMs,
      atr: undefined,
      atrTimeMs: undefined,
      signal: undefined,
    };
  }
  const { atr, computedAtMs } = derivedOf(row.row);
  return {
    bid: ticker.bid,
    ask: ticker.ask,
    quoteTimeMs,
    atr,
    atrTimeMs: atr === undefined ? undefined : computedAtMs,
    signal: { action: row.row.action, computedAtMs },
  };
}

// What the rules read from a row, parsed once per row: an unchanged row is the same object sweep after
// sweep (ParsedMatrixRows), so its ATR and time are not parsed again for every position every sweep.
const derived = new WeakMap<
  MatrixRow,
  { readonly atr: Decimal | undefined; readonly computedAtMs: number }
>();
function derivedOf(row: MatrixRow): { readonly atr: Decimal | undefined; readonly computedAtMs: number } {
  let values = derived.get(row);
  if (values === undefined) {
    values = { atr: row.atr === null ? undefined : dec(row.atr), computedAtMs: Date.parse(row.computed_at) };
    derived.set(row, values);
  }
  return values;
}
