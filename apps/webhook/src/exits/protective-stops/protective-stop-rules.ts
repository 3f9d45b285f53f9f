// The keeper's pure rule: given one symbol's open position, our protective stops on it and the market,
// what to do now. Exactly one resting STOP_LIMIT sell per protected position, for the amount we hold,
// triggered at the hard-stop price (the HARD_STOP rule's own level) and limited a configured offset
// below it; anything else is canceled, replaced or left to the sentinel.
import {
  type Decimal,
  dec,
  min,
  ONE,
  type OrderStatus,
  quantizeDown,
  quantizeToTick,
  ZERO,
} from '@hookline/core';
import type { ExitRuleSettings } from '../exit-settings.js';
import { hardStopPrice } from '../rules/exit-factors.js';

/** The open position as the keeper sees it; undefined when the symbol has none. */
export interface StopPositionView {
  readonly amount: Decimal;
  readonly averageCost: Decimal;
  /** HODL assets are never sold automatically, so they get no stop either. */
  readonly hodl: boolean;
  /** Below the exchange minimum: no order can sell it. */
  readonly dust: boolean;
  /** An exit of the position is working (or just started): it alone sells now. */
  readonly exiting: boolean;
}

/** One of our protective stops on the symbol, still working. */
export interface StopOrderView {
  readonly clientOrderId: string;
  readonly status: OrderStatus;
  readonly amount: Decimal;
  readonly filled: Decimal;
  readonly stopPrice: Decimal | undefined;
  readonly price: Decimal | undefined;
}

/** The market rules the stop must obey. */
export interface StopMarketView {
  readonly priceTick: Decimal;
  readonly amountStep: Decimal;
  readonly minAmount: Decimal;
  readonly minNotional: Decimal;
}

/** What the rule reads. */
export interface ProtectiveStopInput {
  readonly position: StopPositionView | undefined;
  readonly stops: readonly StopOrderView[];
  /** undefined when the market is not known (yet). */
  readonly market: StopMarketView | undefined;
  /** The current bid; undefined when no usable quote is known. */
  readonly bid: Decimal | undefined;
  /**
   * The base the account can put behind a stop: the exchange's available balance plus what our
   * working stops on the symbol hold (they are canceled before a replacement). undefined = unknown.
   */
  readonly sellable: Decimal | undefined;
  readonly rules: ExitRuleSettings;
  readonly limitOffsetBps: number;
}

/** The stop the keeper wants resting. */
export interface StopPlan {
  readonly amount: Decimal;
  /** The trigger: the hard-stop price rounded down to the tick. */
  readonly stopPrice: Decimal;
  /** The limit: the trigger less the offset, rounded down to the tick. */
  readonly price: Decimal;
}

/** The keeper's decision for one symbol, with why. */
export type ProtectiveStopDecision =
  | { readonly kind: 'PLACE'; readonly stop: StopPlan; readonly why: string }
  | { readonly kind: 'KEEP'; readonly why: string }
  | {
      readonly kind: 'REPLACE';
      readonly cancel: readonly string[];
      readonly stop: StopPlan;
      readonly why: string;
    }
  | { readonly kind: 'CANCEL'; readonly cancel: readonly string[]; readonly why: string }
  /** Stops whose send or cancel is not settled yet: the keeper drives them, nothing new is decided. */
  | { readonly kind: 'SETTLE'; readonly settle: readonly StopOrderView[]; readonly why: string }
  | { readonly kind: 'NONE'; readonly why: string };

const IN_FLIGHT: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['NEW', 'SUBMITTED', 'PENDING_CANCEL']);
// One basis point, exactly (the offset is whole basis points).
const BASIS_POINT = dec('0.0001');

/** Decides what to do about one symbol's protective stop. Pure; never throws. */
export function decideProtectiveStop(input: ProtectiveStopInput): ProtectiveStopDecision {
  const { position, stops } = input;
  const noStopWanted = (why: string): ProtectiveStopDecision =>
    stops.length === 0
      ? { kind: 'NONE', why }
      : { kind: 'CANCEL', cancel: stops.map((stop) => stop.clientOrderId), why };
  if (position === undefined || position.amount.lessThanOrEqualTo(ZERO))
    return noStopWanted('no open position');
  if (position.exiting) return noStopWanted('an exit of the position is working; it alone sells');
  if (position.hodl) return noStopWanted('a HODL asset is never sold automatically');
  if (position.dust) return noStopWanted('the position is dust: no order can sell it');
  const inFlight = stops.filter((stop) => IN_FLIGHT.has(stop.status));
  if (inFlight.length > 0)
    return { kind: 'SETTLE', settle: inFlight, why: 'a stop is being sent or canceled' };
  if (stops.some((stop) => stop.filled.greaterThan(ZERO)))
    return { kind: 'KEEP', why: 'the stop has triggered and is selling' };
  const { market, bid, sellable } = input;
  if (market === undefined || bid === undefined || sellable === undefined) {
    return stops.length === 0
      ? { kind: 'NONE', why: 'the market, the bid or the balance is not known' }
      : { kind: 'KEEP', why: 'the market, the bid or the balance is not known; the stop stays' };
  }
  const stop = plannedStop(input, position, market, sellable);
  if (typeof stop === 'string') return noStopWanted(stop);
  if (!bid.greaterThan(stop.stopPrice)) {
    return stops.length === 0
      ? { kind: 'NONE', why: 'the bid is at or below the hard stop: the sentinel sells' }
      : { kind: 'KEEP', why: 'the bid is at or below the stop price: the stop is triggering' };
  }
  if (stops.length === 0) return { kind: 'PLACE', stop, why: 'the position has no protective stop' };
  const [only] = stops;
  if (stops.length === 1 && only !== undefined && matches(only, stop))
    return { kind: 'KEEP', why: 'the stop matches the position' };
  const why =
    stops.length > 1
      ? 'more than one protective stop on the symbol'
      : 'the position changed (amount or cost): the stop is re-placed';
  return { kind: 'REPLACE', cancel: stops.map((view) => view.clientOrderId), stop, why };
}

// 1 − offset, for the few offsets in use (it is the same for every position of a sweep).
const offsetFactors = new Map<number, Decimal>();
function limitOffsetFactor(bps: number): Decimal {
  let factor = offsetFactors.get(bps);
  if (factor === undefined) {
    factor = ONE.minus(BASIS_POINT.times(bps));
    offsetFactors.set(bps, factor);
  }
  return factor;
}

/** The last plan of one position's cost object, and what it was planned from. */
interface PlanMemo {
  readonly amount: Decimal;
  readonly market: StopMarketView;
  readonly sellable: Decimal;
  readonly rules: ExitRuleSettings;
  readonly limitOffsetBps: number;
  readonly plan: StopPlan | string;
}

// planStop is a pure function of immutable values. A kept position hands the same cost and amount
// objects to every sweep until the ledger changes, so its last plan is reused while every input is the
// same object (the sellable balance, a new object each sweep, by value). A sweep of 10,000 positions
// otherwise spends most of the keeper's time re-planning stops that cannot have changed.
const plans = new WeakMap<Decimal, PlanMemo>();
function plannedStop(
  input: ProtectiveStopInput,
  position: StopPositionView,
  market: StopMarketView,
  sellable: Decimal,
): StopPlan | string {
  const memo = plans.get(position.averageCost);
  if (
    memo !== undefined &&
    memo.amount === position.amount &&
    memo.market === market &&
    memo.rules === input.rules &&
    memo.limitOffsetBps === input.limitOffsetBps &&
    memo.sellable.equals(sellable)
  )
    return memo.plan;
  const plan = planStop(input, position, market, sellable);
  plans.set(position.averageCost, {
    amount: position.amount,
    market,
    sellable,
    rules: input.rules,
    limitOffsetBps: input.limitOffsetBps,
    plan,
  });
  return plan;
}

// The amount is what we hold and can sell (on the step); a stop below the venue's minimums is no stop.
function planStop(
  input: ProtectiveStopInput,
  position: StopPositionView,
  market: StopMarketView,
  sellable: Decimal,
): StopPlan | string {
  const stopPrice = quantizeToTick(
    hardStopPrice(position.averageCost, input.rules),
    market.priceTick,
    'down',
  );
  const offset = limitOffsetFactor(input.limitOffsetBps);
  const price = quantizeToTick(stopPrice.times(offset), market.priceTick, 'down');
  if (!price.greaterThan(ZERO)) return 'the hard-stop price rounds to zero';
  const amount = quantizeDown(min(position.amount, sellable), market.amountStep);
  if (amount.lessThan(market.minAmount) || amount.lessThanOrEqualTo(ZERO))
    return 'the sellable amount is below the minimum order size';
  if (price.times(amount).lessThan(market.minNotional))
    return 'the stop is worth less than the minimum order value';
  return { amount, stopPrice, price };
}

function matches(stop: StopOrderView, plan: StopPlan): boolean {
  return (
    stop.amount.equals(plan.amount) &&
    stop.stopPrice?.equals(plan.stopPrice) === true &&
    stop.price?.equals(plan.price) === true
  );
}
