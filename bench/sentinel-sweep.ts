// `bench --only sentinel.sweep`: one exit-sentinel sweep over 10,000 open positions, timed alone
// (evaluatePositions: the pure middle of a sweep, no database or exchange). Target: < 30 ms a sweep.
import { performance } from 'node:perf_hooks';
import { type Decimal, dec } from '@hookline/core';
import {
  defaultExitRuleSettings,
  type ExitMarketView,
  evaluatePositions,
  type PositionEvaluationInput,
  type TrailingState,
} from '@hookline/webhook';

/** Size of a run. */
export interface SentinelSweepOptions {
  readonly positions?: number;
  /** Timed sweeps after the warm-up (median and max are reported). */
  readonly sweeps?: number;
}

/** Figures of one run (plain numbers, for `bench --json`). */
export interface SentinelSweepFigures extends Record<string, number> {
  readonly positions: number;
  readonly sweeps: number;
  readonly sweep_ms_median: number;
  readonly sweep_ms_max: number;
  /** Positions per sweep the rules sold (HARD_STOP, SOFT_STOP, TRAILING_STOP). */
  readonly exits: number;
  /** Positions per sweep with a rule firing on a HODL or dust position (not sold). */
  readonly skips: number;
}

// A fixed instant: the data is synthetic, and a fixed time keeps every run the same work.
const NOW_MS = Date.UTC(2024, 5, 1, 12);
const HOUR_MS = 3_600_000;
// Prices from a few cents to tens of thousands, so Decimal work sees every magnitude.
const SYMBOL_PRICES = ['64000', '3100', '145.2', '0.5213', '7.84', '0.00002431', '612.5', '1.0002'];

/**
 * Builds `positions` open positions (default 10,000) over several symbols and times ONE
 * evaluatePositions sweep over all of them: a warm-up, then `sweeps` timed sweeps (default 20).
 */
export function benchmarkSentinelSweep(options: SentinelSweepOptions = {}): SentinelSweepFigures {
  const count = options.positions ?? 10_000;
  const sweeps = options.sweeps ?? 20;
  const markets = SYMBOL_PRICES.map((price, index) => marketOf(`SYM${index}/USD`, dec(price)));
  const inputs = Array.from({ length: count }, (_, index) =>
    positionInput(index, markets[index % markets.length] as SymbolMarket),
  );
  const settings = defaultExitRuleSettings;
  for (let warm = 0; warm < 5; warm += 1) evaluatePositions(inputs, settings, NOW_MS);
  const timings: number[] = [];
  let last = evaluatePositions(inputs, settings, NOW_MS);
  for (let sweep = 0; sweep < sweeps; sweep += 1) {
    const started = performance.now();
    last = evaluatePositions(inputs, settings, NOW_MS);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return {
    positions: count,
    sweeps,
    sweep_ms_median: round(timings[Math.floor(timings.length / 2)] ?? 0),
    sweep_ms_max: round(timings.at(-1) ?? 0),
    exits: last.filter((result) => result.verdict?.kind === 'EXIT').length,
    skips: last.filter((result) => result.verdict?.kind === 'SKIP').length,
  };
}

interface SymbolMarket {
  readonly symbol: string;
  readonly market: ExitMarketView;
}

// A fresh quote, a fresh ATR of 0.4 % of the price and a HOLD signal: what a healthy sweep reads.
function marketOf(symbol: string, bid: Decimal): SymbolMarket {
  return {
    symbol,
    market: {
      bid,
      ask: bid.times('1.0002'),
      quoteTimeMs: NOW_MS - 500,
      atr: bid.times('0.004'),
      atrTimeMs: NOW_MS - 30_000,
      signal: { action: 'HOLD', computedAtMs: NOW_MS - 30_000 },
    },
  };
}

/** One kind of position in the mix: how many per 1,000, and how it is built. */
interface PositionKind {
  readonly perMille: number;
  readonly build: (index: number, bid: Decimal, entryTimeMs: number) => PositionShape;
}

type PositionShape = Pick<PositionEvaluationInput, 'state'> & {
  readonly averageCost: Decimal;
  readonly hodl?: boolean;
  readonly dust?: boolean;
};

/**
 * The mix per 1,000 positions, as a book looks on an ordinary tick: most holding (every 50th seen for
 * the first time), many with trailing armed, a few stops firing, some HODL and dust positions (a
 * third of the HODL ones and all dust ones with a stop firing: evaluated in full, then skipped).
 */
const POSITION_MIX: readonly PositionKind[] = [
  {
    perMille: 700, // P&L −1.5 % … +2.5 %: no rule fires
    build: (index, bid, entry) => ({
      averageCost: costAt(bid, dec((index % 41) - 15).dividedBy(10)),
      state: index % 50 === 0 ? undefined : idleState(entry, bid),
    }),
  },
  {
    perMille: 200,
    build: (_, bid, entry) => ({ averageCost: costAt(bid, 5), state: trailing(entry, bid.times('1.002')) }),
  },
  { perMille: 5, build: (_, bid, entry) => ({ averageCost: costAt(bid, -6), state: idleState(entry, bid) }) },
  {
    perMille: 10,
    build: (_, bid, entry) => ({ averageCost: costAt(bid, -3), state: idleState(entry, bid) }),
  },
  // The peak was 3 % higher; the stop 1 % under it is now above the bid: TRAILING_STOP.
  {
    perMille: 10,
    build: (_, bid, entry) => ({ averageCost: costAt(bid, 4), state: trailing(entry, bid.times('1.03')) }),
  },
  {
    perMille: 20,
    build: (_, bid, entry) => ({ averageCost: costAt(bid, 1), state: idleState(entry, bid), hodl: true }),
  },
  {
    perMille: 10,
    build: (_, bid, entry) => ({ averageCost: costAt(bid, -6), state: idleState(entry, bid), hodl: true }),
  },
  {
    perMille: 45,
    build: (_, bid, entry) => ({ averageCost: costAt(bid, -3), state: idleState(entry, bid), dust: true }),
  },
];

function positionInput(index: number, { symbol, market }: SymbolMarket): PositionEvaluationInput {
  const entryTimeMs = NOW_MS - (1 + (index % 48)) * HOUR_MS;
  const shape = kindOf(index % 1_000).build(index, market.bid, entryTimeMs);
  const position = {
    symbol,
    amount: dec('0.5'),
    averageCost: shape.averageCost,
    entryTimeMs,
    hodl: shape.hodl === true,
    dust: shape.dust === true,
  };
  return { position, state: shape.state, market };
}

function kindOf(slot: number): PositionKind {
  let end = 0;
  for (const kind of POSITION_MIX) {
    end += kind.perMille;
    if (slot < end) return kind;
  }
  return POSITION_MIX[0] as PositionKind;
}

// The average cost at which `bid` is a P&L of `pnlPct` %.
function costAt(bid: Decimal, pnlPct: Decimal | number): Decimal {
  return bid.times(100).dividedBy(dec(pnlPct).plus(100));
}

function idleState(entryTimeMs: number, bid: Decimal): TrailingState {
  return { entryTimeMs, peakPrice: bid, trailingActive: false, trailingStop: undefined };
}

// Active trailing with the stop where the rules put it: 1 % (the clamp's minimum) under the peak.
function trailing(entryTimeMs: number, peak: Decimal): TrailingState {
  return { entryTimeMs, peakPrice: peak, trailingActive: true, trailingStop: peak.times('0.99') };
}

function round(value: number): number {
  return Math.round(value * 1_000) / 1_000;
}
