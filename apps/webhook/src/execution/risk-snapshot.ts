// Builds the risk gate's state snapshot from the ledger, our order rows and the exchange. Positions
// are the open FIFO lots (the store's open positions), never a table of their own.
import { type Clock, dec, ZERO } from '@hookline/core';
import type { Balances, ExchangePort, Market, Ticker } from '@hookline/exchange';
import {
  readActiveExitDecisions,
  readOpenPositions,
  readRealizedPnlSince,
  readRecentExits,
  readRecentOrderTimes,
  readWorkingOrders,
  type Store,
} from '@hookline/store';
import {
  type AccountValuation,
  type BuyGuardFlags,
  type ExchangeHealth,
  type HeldPosition,
  type Quote,
  type RiskLimits,
  type RiskState,
  type TradingState,
  utcDayStart,
  valueAccount,
} from '../rules/index.js';
import type { DailyBaselineStore, StoredDailyBaseline } from './daily-baseline-store.js';

/** The operator's switches (controls/trading-controls.ts supplies them). Default: all clear. */
export interface RiskControls {
  readonly tradingState: TradingState;
  readonly buyGuard: BuyGuardFlags;
  /** The worse of the exchange's breakers (entries read it). */
  readonly exchangeHealth: ExchangeHealth;
  /** The orders breaker's health (exits read it); undefined: the same as exchangeHealth. */
  readonly orderCircuitHealth?: ExchangeHealth;
  /**
   * Set while entries wait for the start-up reconciliation (why): an entry then waits (up to its
   * limit) instead of being decided. Exits ignore it.
   */
  readonly entriesHeldBecause?: string;
}

/** Trading ACTIVE, no buy guard, exchange HEALTHY. */
export const openRiskControls: RiskControls = {
  tradingState: 'ACTIVE',
  buyGuard: { env: false, file: false, api: false },
  exchangeHealth: 'HEALTHY',
};

/** What the venue says, read once per entry: the exchange, its markets and balances, the symbol's quote. */
export interface RiskVenueView {
  readonly exchange: ExchangePort;
  readonly markets: readonly Market[];
  readonly balances: Balances;
  /** The quote of the symbol being decided, already fetched. */
  readonly ticker: Ticker;
}

/** The account's held positions and a quote for each held symbol (undefined: none could be read). */
export interface HeldPositions {
  readonly positions: readonly HeldPosition[];
  readonly quotes: Readonly<Record<string, Quote | undefined>>;
}

/** What the snapshot is built from. */
export interface RiskSnapshotInput extends RiskVenueView {
  readonly store: Store;
  readonly clock: Clock;
  readonly account: string;
  readonly limits: RiskLimits;
  /** Read once per snapshot (TradingControls reads Redis and the guard file). */
  readonly controls: RiskControls | PromiseLike<RiskControls>;
  /** The daily loss limit's stored baselines. */
  readonly baselines: DailyBaselineStore;
  /**
   * The held positions with their quotes, when read already (readHeldPositions): positions change
   * only by fills, not by the entries being decided, so they are read outside the entry lock.
   */
  readonly held?: HeldPositions;
}

/**
 * The account's open positions (the ledger's open lots) with a quote for each held symbol: the
 * decided symbol's from `ticker`, the others' from the exchange (a failed read leaves it undefined,
 * which the gate refuses as PRICE_UNAVAILABLE: equity must be known).
 */
export async function readHeldPositions(
  input: RiskVenueView & { readonly store: Store; readonly account: string },
): Promise<HeldPositions> {
  const positions = (
    await readOpenPositions(input.store, { account: input.account, markets: input.markets })
  ).map(
    ({ symbol, amount, costBasis, dust }): HeldPosition => ({ symbol, amount, costBasis, dust, hodl: false }),
  );
  const quotes: Record<string, Quote | undefined> = { [input.ticker.symbol]: input.ticker };
  const missing = [...new Set(positions.map((position) => position.symbol))].filter(
    (symbol) => quotes[symbol] === undefined,
  );
  const fetched = await Promise.all(
    missing.map((symbol) => input.exchange.fetchTicker(symbol).catch(() => undefined)),
  );
  missing.forEach((symbol, index) => {
    quotes[symbol] = fetched[index];
  });
  return { positions, quotes };
}

/**
 * The snapshot the risk gate reads. The daily loss limit measures the day against a stored baseline
 * (daily-baseline-store.ts): the account's equity and unrealized P&L at the first observation of the
 * UTC day (or at midnight, when a scheduled snapshot wrote it first). Today's P&L is then the P&L
 * realized since that observation plus the change in unrealized P&L since it. When a held position
 * has no usable price at the first observation, no baseline is written (equity is unknown, and the
 * gate's PRICE_UNAVAILABLE rule refuses entries before the daily loss rule); the state then carries
 * a zero starting equity, which the daily loss rule refuses too (fail closed).
 */
export async function buildRiskState(input: RiskSnapshotInput): Promise<RiskState> {
  const { store, account, clock, limits } = input;
  const now = clock.now();
  const since = new Date(now.getTime() - limits.orderRateWindowMs);
  const dayStart = utcDayStart(now);
  // Independent reads, all at once.
  const [controls, held, working, recent, exits, stored, exiting] = await Promise.all([
    input.controls,
    input.held ?? readHeldPositions(input),
    readWorkingOrders(store, account),
    readRecentOrderTimes(store, account, since),
    readRecentExits(store, account, Math.max(limits.lossStreakLength, 20)),
    input.baselines.load(account, dayStart),
    readActiveExitDecisions(store, account).then((rows) => [...new Set(rows.map((row) => row.symbol))]),
  ]);
  const { positions, quotes } = held;
  const quoteCurrency = input.markets.find((market) => market.symbol === input.ticker.symbol)?.quote ?? 'USD';
  const cash = input.balances[quoteCurrency]?.total ?? ZERO;
  const state: Omit<RiskState, 'daily'> = {
    now,
    tradingState: controls.tradingState,
    buyGuard: controls.buyGuard,
    exchangeHealth: controls.exchangeHealth,
    quotes,
    cash,
    positions,
    openOrders: working.map((row) => ({
      symbol: row.symbol,
      side: row.side,
      remainingAmount: dec(row.size.minus(row.filledSize).toString()),
      price: row.price === null ? undefined : dec(row.price.toString()),
    })),
    recentExits: exits.map((row) => ({
      symbol: row.symbol,
      exitedAt: row.exitedAt,
      pnl: dec(row.pnlUsd?.toString() ?? '0'),
    })),
    recentOrderTimes: recent,
    exitingSymbols: exiting,
  };
  const baseline = stored ?? (await observeBaseline(input, state, dayStart));
  if (baseline === undefined) {
    return {
      ...state,
      daily: { dayStart, startingEquity: ZERO, realizedPnl: ZERO, unrealizedPnlAtStart: ZERO },
    };
  }
  const realized = await readRealizedPnlSince(store, account, baseline.observedAt);
  return {
    ...state,
    daily: {
      dayStart: baseline.dayStart,
      startingEquity: baseline.startingEquity,
      realizedPnl: realized,
      unrealizedPnlAtStart: baseline.unrealizedPnlAtStart,
    },
  };
}

// The first observation of the day: equity and unrealized P&L now, stored unless another replica
// stored the day's baseline first (then that one is used). Undefined when equity is unknown.
async function observeBaseline(
  input: RiskSnapshotInput,
  state: Omit<RiskState, 'daily'>,
  dayStart: Date,
): Promise<StoredDailyBaseline | undefined> {
  const placeholder = { dayStart, startingEquity: ZERO, realizedPnl: ZERO, unrealizedPnlAtStart: ZERO };
  let valuation: AccountValuation;
  try {
    valuation = valueAccount({ ...state, daily: placeholder }, input.limits.maxQuoteAgeMs);
  } catch {
    return undefined; // a corrupt position: the gate refuses it with its own reason
  }
  if (!valuation.known) return undefined;
  return await input.baselines.claim(input.account, {
    dayStart,
    observedAt: state.now,
    startingEquity: valuation.equity,
    unrealizedPnlAtStart: valuation.unrealizedPnl,
  });
}
