import { type Decimal, dec, type ReasonCode } from '@hookline/core';
import type { RuleInputs } from '../json-inputs.js';

/** The order the caller means to send: a LIMIT at `price` (for a market order, its reference price). */
export interface OrderIntent {
  readonly side: 'buy' | 'sell';
  /** Base units. For an exit, the position size: preflight caps it at the available balance. */
  readonly amount: Decimal;
  /** Quote currency per base unit. */
  readonly price: Decimal;
}

/** Preflight settings; percentages in percent (10 means 10%). */
export interface PreflightOptions {
  /** An order below the minimum notional is raised to it when that adds at most this % of its value. */
  readonly minNotionalBumpTolerancePct: Decimal;
  /** The fee a buy must also be able to pay, as % of its notional (the taker rate is the safe choice). */
  readonly feePct?: Decimal;
}

/** The documented default: bump by up to 10%, no fee reserve unless a rate is given. */
export const defaultPreflightOptions: PreflightOptions = Object.freeze({
  minNotionalBumpTolerancePct: dec(10),
});

/** One change preflight made to the intent, values as strings (ready for `rule_inputs`). */
export interface PreflightAdjustment {
  readonly kind: 'PRICE_TO_TICK' | 'AMOUNT_CAPPED_TO_AVAILABLE' | 'AMOUNT_TO_STEP' | 'BUMPED_TO_MIN_NOTIONAL';
  readonly from: string;
  readonly to: string;
}

/** The order to send: on the tick and the step, above the minimums, covered by the available balance. */
export interface PreflightAccepted {
  readonly ok: true;
  readonly price: Decimal;
  readonly amount: Decimal;
  readonly notional: Decimal;
  readonly adjustments: readonly PreflightAdjustment[];
}

/** The order cannot be sent as asked: fix the cause (or wait), do not retry as is. */
export interface PreflightRefused {
  readonly ok: false;
  readonly dust: false;
  readonly reason: ReasonCode;
  readonly message: string;
  readonly inputs: RuleInputs;
}

/**
 * A sell of everything available that is still below the market's minimum: the holding cannot be
 * sold at all. Not a refusal: the caller records the remainder as dust and stops retrying.
 */
export interface PreflightDust {
  readonly ok: false;
  readonly dust: true;
  readonly reason: 'DUST';
  /** The unsellable amount (available balance truncated to the step). */
  readonly amount: Decimal;
  readonly message: string;
  readonly inputs: RuleInputs;
}

/** What preflight decided. */
export type PreflightVerdict = PreflightAccepted | PreflightRefused | PreflightDust;
