import type { Decimal, ExitReason } from '@hookline/core';

/** The operator's switch: ACTIVE trades, REDUCING only exits, HALTED opens nothing (see risk-gate.ts). */
export type TradingState = 'ACTIVE' | 'REDUCING' | 'HALTED';

/** The exchange circuit breaker's health (same values as @hookline/exchange's ExchangeHealth). */
export type ExchangeHealth = 'HEALTHY' | 'DEGRADED' | 'OFFLINE';

/** The three independent buy guards; any one of them blocks entries. */
export interface BuyGuardFlags {
  /** Set by the environment at start-up. */
  readonly env: boolean;
  /** Set while the guard file exists (an operator can `touch` it without the API). */
  readonly file: boolean;
  /** Set by the admin API. */
  readonly api: boolean;
}

/**
 * Best bid and ask with both times (a Ticker from @hookline/exchange fits). Its age is measured from
 * the older of the two times: data is only as fresh as its oldest timestamp.
 */
export interface Quote {
  readonly bid: Decimal;
  readonly ask: Decimal;
  readonly exchangeTime: Date;
  readonly receivedAt: Date;
  /**
   * True when the feed is frozen: the price has not changed and the stream has said nothing about
   * the symbol beyond HOOKLINE_QUOTE_FROZEN_AFTER_MS. Such a quote is stale whatever its timestamps.
   */
  readonly frozen?: boolean;
  /** The price change over the last 24 h in percent, when the exchange reports it (the momentum filter). */
  readonly change24hPct?: Decimal | undefined;
}

/** An open position: the open FIFO lots of one symbol, summed. */
export interface HeldPosition {
  readonly symbol: string;
  /** Base units held. */
  readonly amount: Decimal;
  /** Cost of the open lots including buy fees, in quote currency. */
  readonly costBasis: Decimal;
  /** Below the exchange minimum: ignored by every rule (worth less than one minimum order). */
  readonly dust: boolean;
  /** Never sold automatically: part of equity, but not counted as an open position. */
  readonly hodl: boolean;
}

/** One of our orders still working on the exchange. */
export interface OpenOrder {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  /** Base units not yet filled. */
  readonly remainingAmount: Decimal;
  /** The limit price; undefined for a market order (valued at the ask). */
  readonly price: Decimal | undefined;
}

/** A finished exit: what the loss streak and the per-symbol cooldown read. */
export interface ClosedTrade {
  readonly symbol: string;
  readonly exitedAt: Date;
  /** Realized P&L of the exit, fees included; below zero is a loss, zero is not. */
  readonly pnl: Decimal;
}

/**
 * The UTC day's baseline for the daily loss limit. Daily P&L = realized today + (unrealized now −
 * unrealized at the day start): this counts each lot's move since midnight exactly once, whether it
 * was sold today, bought today or held through.
 */
export interface DailyBaseline {
  /** UTC midnight of the day the baseline belongs to. */
  readonly dayStart: Date;
  /** Equity (cash + positions at their bid) at dayStart. */
  readonly startingEquity: Decimal;
  /** P&L realized since dayStart, fees included. */
  readonly realizedPnl: Decimal;
  /** Unrealized P&L of the positions held at dayStart (their value then minus their cost basis). */
  readonly unrealizedPnlAtStart: Decimal;
}

/** Everything the risk gate reads: one snapshot, time included, so the gate is a pure function. */
export interface RiskState {
  readonly now: Date;
  readonly tradingState: TradingState;
  readonly buyGuard: BuyGuardFlags;
  readonly exchangeHealth: ExchangeHealth;
  /**
   * The orders breaker's health, which exits read (a market data breaker never holds back a sell);
   * undefined: the same as exchangeHealth.
   */
  readonly orderCircuitHealth?: ExchangeHealth;
  /** Latest quote per symbol; a symbol without one has no price. */
  readonly quotes: Readonly<Record<string, Quote | undefined>>;
  /** Total quote-currency cash (reserved by open orders included: it is still ours). */
  readonly cash: Decimal;
  readonly positions: readonly HeldPosition[];
  readonly openOrders: readonly OpenOrder[];
  /** Recent exits, any order; at least the last lossStreakLength and those within the symbol cooldown. */
  readonly recentExits: readonly ClosedTrade[];
  /** When our recent orders (entries and exits) were submitted, any order. */
  readonly recentOrderTimes: readonly Date[];
  readonly daily: DailyBaseline;
  /** Symbols with an exit working (its decision ORDERED and not over); absent: none. */
  readonly exitingSymbols?: readonly string[];
}

/** A request to open or add to a position with a buy of `amount` base units at `price`. */
export interface EntryRequest {
  readonly symbol: string;
  readonly amount: Decimal;
  /** The intended limit (or reference) price, in quote currency. */
  readonly price: Decimal;
  /** The alert the entry answers (its own price and time, and when it was received); undefined: none. */
  readonly alert?: EntryAlert | undefined;
  /** The fee reserved on the buy, in % of its value; undefined when unknown (the loss guard then has none). */
  readonly feePct?: Decimal | undefined;
}

/** What the entry guards read of the alert behind an entry. */
export interface EntryAlert {
  /** The reference price the alert carried; undefined when it carried none. */
  readonly price: Decimal | undefined;
  /** The alert's own time (TradingView's `time`, sighook's computed_at); undefined when it had none. */
  readonly time: Date | undefined;
  /** When the webhook received (stored) it. */
  readonly receivedAt: Date;
}

/** A request to exit (sell) a position, with the reason the exit rules gave. */
export interface ExitRequest {
  readonly symbol: string;
  readonly reason: ExitReason;
}
