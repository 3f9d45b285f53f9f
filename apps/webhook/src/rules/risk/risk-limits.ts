import { type Decimal, dec } from '@hookline/core';

/** The risk gate's limits; percentages are in percent (3 means 3%), durations in milliseconds. */
export interface RiskLimits {
  /** A quote older than this blocks decisions on it; exactly this old is still fresh. */
  readonly maxQuoteAgeMs: number;
  /** Entries stop once today's P&L is at or below −this % of the day's starting equity. */
  readonly dailyLossLimitPct: Decimal;
  /**
   * Entries also stop once today's loss reaches this amount in the quote currency; the tighter of the
   * two limits applies. Undefined: the percentage only.
   */
  readonly dailyLossLimitAmount?: Decimal | undefined;
  /** Open positions (dust and HODL excluded, pending entries included) allowed at once. */
  readonly maxOpenPositions: number;
  /** One symbol's position may be worth up to this % of equity (exactly at it is allowed). */
  readonly maxPositionPct: Decimal;
  /** This many losing exits in a row start the loss-streak cooldown. */
  readonly lossStreakLength: number;
  /** How long entries pause after the last loss of a streak. */
  readonly lossStreakCooldownMs: number;
  /** How long a symbol cannot be re-entered after an exit on it (0 turns the rule off). */
  readonly symbolCooldownMs: number;
  /** Orders (entries and exits) allowed in one rate window before entries are throttled. */
  readonly maxOrdersPerWindow: number;
  /** The sliding window the order rate is counted over. */
  readonly orderRateWindowMs: number;
  /** The widest spread (ask − bid over the mid) an entry accepts, in basis points (0 turns it off). */
  readonly maxSpreadBps: Decimal;
  /**
   * The largest loss, in %, of a position bought at the entry price (fee included when known) and
   * valued at the bid right after; exactly at it is allowed.
   */
  readonly maxImmediateLossPct: Decimal;
  /** The oldest an alert's own time may be at its receipt (0 turns it off). */
  readonly maxAlertAgeMs: number;
  /** The furthest an alert's price may be from the market's mid, in % of the mid (0 turns it off). */
  readonly maxPriceDeviationPct: Decimal;
  /** Entries need the symbol's 24 h change at least this % (−5 allows a fall of 5 %); undefined: off. */
  readonly minMomentum24hPct?: Decimal | undefined;
  /** Entries need the symbol's 24 h change at most this %; undefined: off. */
  readonly maxMomentum24hPct?: Decimal | undefined;
}

/** The documented defaults (docs/architecture.md, "Risk gate and preflight"). */
export const defaultRiskLimits: RiskLimits = Object.freeze({
  maxQuoteAgeMs: 15_000,
  dailyLossLimitPct: dec(3),
  maxOpenPositions: 8,
  maxPositionPct: dec(10),
  lossStreakLength: 5,
  lossStreakCooldownMs: 60 * 60_000,
  symbolCooldownMs: 15 * 60_000,
  // A runaway guard, not the exchange's API limit (ccxt's limiter handles that): a universe of
  // eight positions never needs more than a handful of new orders a minute.
  maxOrdersPerWindow: 10,
  orderRateWindowMs: 60_000,
  // The paper markets quote 1–5 bps wide and a crossing entry reserves a 0.6 % fee: these leave normal
  // trading alone and stop a blown-out book, a mispriced or a replayed alert.
  maxSpreadBps: dec(50),
  maxImmediateLossPct: dec(1),
  maxAlertAgeMs: 60_000,
  maxPriceDeviationPct: dec(2),
  // Off: a momentum filter is a strategy choice, not a safety limit.
  minMomentum24hPct: undefined,
  maxMomentum24hPct: undefined,
});
