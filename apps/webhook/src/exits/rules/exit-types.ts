import type { Decimal } from '@hookline/core';
import type { RuleInputs } from '../../rules/json-inputs.js';
import type { ExitNotTakenCode } from '../exit-reasons.js';

/** The exit rules, in the order they are evaluated (the first that fires wins). */
export type ExitRuleReason =
  | 'HARD_STOP'
  | 'SOFT_STOP'
  | 'TRAILING_STOP'
  | 'TAKE_PROFIT'
  | 'SIGNAL_EXIT'
  | 'TTL';

/** The sentinel's persisted per-position state (table position_state). */
export interface TrailingState {
  /** The position's entry time when this state was started; another entry time means another position. */
  readonly entryTimeMs: number;
  /** The highest valid bid seen since the state was started (ZERO before any was seen). */
  readonly peakPrice: Decimal;
  /** Once true, stays true for the life of the position. */
  readonly trailingActive: boolean;
  /** Set on activation, only ever raised. */
  readonly trailingStop: Decimal | undefined;
}

/** One open position as the exit rules see it. */
export interface ExitPositionView {
  readonly symbol: string;
  /** Base units held (open FIFO lots). */
  readonly amount: Decimal;
  /** Per unit, including buy fees. */
  readonly averageCost: Decimal;
  /** The earliest open lot's buy time. */
  readonly entryTimeMs: number;
  readonly hodl: boolean;
  readonly dust: boolean;
}

/** The latest market data for the position's symbol. */
export interface ExitMarketView {
  readonly bid: Decimal;
  readonly ask: Decimal;
  /** Exchange time of the quote. */
  readonly quoteTimeMs: number;
  /** From the latest matrix row; undefined when there is none. */
  readonly atr: Decimal | undefined;
  /** computed_at of that row. */
  readonly atrTimeMs: number | undefined;
  readonly signal: { readonly action: 'BUY' | 'SELL' | 'HOLD'; readonly computedAtMs: number } | undefined;
}

/**
 * The exit decision for one position. `state` is always the state to keep; persist it when
 * `stateChanged`. EXIT and SKIP carry full inputs; HOLD carries a compact set (bid, peak, stop),
 * because HOLD is the verdict of almost every position on every 3 s tick.
 */
export type ExitVerdict =
  | {
      readonly kind: 'EXIT';
      readonly reason: ExitRuleReason;
      readonly state: TrailingState;
      readonly stateChanged: boolean;
      readonly inputs: RuleInputs;
    }
  | {
      readonly kind: 'HOLD';
      readonly state: TrailingState;
      readonly stateChanged: boolean;
      readonly inputs: RuleInputs;
    }
  | {
      readonly kind: 'SKIP';
      /** Why the position was not evaluated (STALE_DATA) or a fired rule is not acted on (HODL_ASSET, DUST). */
      readonly code: ExitNotTakenCode;
      readonly wouldExit: ExitRuleReason | undefined;
      readonly state: TrailingState;
      readonly stateChanged: boolean;
      readonly inputs: RuleInputs;
    };
