// The exit ladder: what an exit does at each attempt. Pure; the executor derives the attempt from
// the exit's stored orders and the reference price from its decision, so the ladder resumes where
// it was after a restart.
//
// Every priced rung is capped: no order is priced below the exit's floor, reference × (1 − cap / 100)
// rounded up to the tick, where the reference is the bid when the exit started and the cap is the
// exit kind's maximum slippage. While the bid is below the floor nothing is sent (an order at the
// floor cannot fill against a lower bid): the exit HOLDs and is asked again next sweep.
import { type Decimal, dec, type ExitReason, max, ONE, quantizeToTick } from '@hookline/core';
import { isEmergencyExit } from '../../rules/index.js';
import type { ExitExecutionSettings, ExitSlippageCaps } from '../exit-settings.js';

/**
 * MARKET orders an exit may send before it gives up, when market orders are allowed at all: a market
 * order takes only what the book holds, so it repeats for a remainder, but not forever (a venue
 * refusing every one must stop).
 */
export const MARKET_ATTEMPTS = 3;

/** The order of one attempt. */
export interface ExitOrderPlan {
  readonly kind: 'ORDER';
  /** 0 for the exit's first order; the client order id derives from (decision, attempt). */
  readonly attempt: number;
  readonly orderType: 'LIMIT' | 'MARKET';
  readonly timeInForce: 'GTC' | 'IOC';
  /** On the tick, never below the floor; undefined for MARKET. */
  readonly price: Decimal | undefined;
  /** What the rung is, for logs and decisions ("LIMIT 2/3", "IOC bid − 5 bps", "IOC at floor", "MARKET"). */
  readonly step: string;
  /**
   * True for the rung that repeats while anything is left (the IOC at the floor once the limit rungs
   * are used up, market orders not allowed): it is sent once per quote, not walked on at once.
   */
  readonly repeats: boolean;
}

/** The bid is below the floor: nothing is sent now. */
export interface ExitHold {
  readonly kind: 'HOLD';
  readonly attempt: number;
  readonly bid: Decimal;
  readonly reference: Decimal;
  readonly floor: Decimal;
  /** The cap in percent. */
  readonly maxSlippagePct: Decimal;
}

/** Every order the exit may send has been sent (only with market orders allowed). */
export interface ExitLadderExhausted {
  readonly kind: 'EXHAUSTED';
  readonly attempt: number;
}

/** What the ladder says for one attempt. */
export type ExitLadderStep = ExitOrderPlan | ExitHold | ExitLadderExhausted;

/** The ladder settings the plan reads. */
export type ExitLadderSettings = Pick<
  ExitExecutionSettings,
  'limitOffsetBps' | 'repriceAttempts' | 'hardStopLadderBps' | 'maxSlippagePct' | 'allowMarket'
>;

/** What the ladder needs to price an attempt. */
export interface ExitLadderInput {
  readonly reason: ExitReason;
  readonly attempt: number;
  /** The current best bid (valid and positive). */
  readonly bid: Decimal;
  /** The bid when the exit started (stored with its decision): the floor is measured from it. */
  readonly reference: Decimal;
  readonly priceTick: Decimal;
  readonly settings: ExitLadderSettings;
}

/**
 * True for exits that never rest a LIMIT: the hard stop (docs/architecture.md: IOC ladder) and the
 * operator's emergency flatten, which the risk gate treats alike.
 */
export function usesImmediateLadder(reason: ExitReason): boolean {
  return isEmergencyExit(reason);
}

/** The maximum slippage of an exit kind, in percent. */
export function maxSlippageOf(reason: ExitReason, caps: ExitSlippageCaps): Decimal {
  if (reason === 'HARD_STOP') return caps.hardStop;
  if (reason === 'EMERGENCY') return caps.emergency;
  return caps.other;
}

/** The lowest price an exit may sell at: reference × (1 − cap / 100), rounded up to the tick. */
export function exitPriceFloor(reference: Decimal, maxSlippagePct: Decimal, priceTick: Decimal): Decimal {
  const kept = ONE.minus(maxSlippagePct.dividedBy(100));
  return quantizeToTick(reference.times(kept), priceTick, 'up');
}

/**
 * What `attempt` does. Ordinary exits: LIMIT GTC at bid × (1 + offset) for repriceAttempts attempts,
 * then one IOC at the bid. Hard stop and emergency: one IOC per ladder step at bid × (1 − step).
 * Every price rounds up to the tick and is raised to the floor when below it. After these rungs:
 * with market orders allowed, MARKET (MARKET_ATTEMPTS at most, then EXHAUSTED); otherwise an IOC at
 * the floor, repeated for as long as anything is left. While the bid is below the floor: HOLD, or
 * with market orders allowed, MARKET.
 */
export function planExitOrder(input: ExitLadderInput): ExitLadderStep {
  const { attempt, bid, priceTick, settings } = input;
  const maxSlippagePct = maxSlippageOf(input.reason, settings.maxSlippagePct);
  const floor = exitPriceFloor(input.reference, maxSlippagePct, priceTick);
  const rungs = limitRungs(input.reason, settings);
  if (settings.allowMarket && attempt >= rungs.length + MARKET_ATTEMPTS)
    return { kind: 'EXHAUSTED', attempt };
  if (bid.lessThan(floor)) {
    if (settings.allowMarket) return marketOrder(attempt);
    return { kind: 'HOLD', attempt, bid, reference: input.reference, floor, maxSlippagePct };
  }
  const rung = rungs[attempt];
  if (rung !== undefined) {
    const wanted = quantizeToTick(bid.times(ONE.plus(dec(rung.bps).dividedBy(10_000))), priceTick, 'up');
    const price = max(wanted, floor);
    const raised = !price.equals(wanted);
    return {
      kind: 'ORDER',
      attempt,
      orderType: 'LIMIT',
      timeInForce: rung.timeInForce,
      price,
      step: raised
        ? `${rung.timeInForce === 'GTC' ? 'LIMIT' : 'IOC'} at floor`
        : stepName(rung, attempt, rungs.length, settings),
      repeats: false,
    };
  }
  if (settings.allowMarket) return marketOrder(attempt);
  return {
    kind: 'ORDER',
    attempt,
    orderType: 'LIMIT',
    timeInForce: 'IOC',
    price: floor,
    step: 'IOC at floor',
    repeats: true,
  };
}

interface Rung {
  readonly bps: number;
  readonly timeInForce: 'GTC' | 'IOC';
}

function limitRungs(reason: ExitReason, settings: ExitLadderSettings): Rung[] {
  if (usesImmediateLadder(reason)) {
    return settings.hardStopLadderBps.map((bps) => ({ bps: -bps, timeInForce: 'IOC' as const }));
  }
  return [
    ...Array.from({ length: settings.repriceAttempts }, () => ({
      bps: settings.limitOffsetBps,
      timeInForce: 'GTC' as const,
    })),
    { bps: 0, timeInForce: 'IOC' as const },
  ];
}

function marketOrder(attempt: number): ExitOrderPlan {
  return {
    kind: 'ORDER',
    attempt,
    orderType: 'MARKET',
    timeInForce: 'IOC',
    price: undefined,
    step: 'MARKET',
    repeats: false,
  };
}

function stepName(rung: Rung, attempt: number, rungs: number, settings: ExitLadderSettings): string {
  if (rung.timeInForce === 'GTC') return `LIMIT ${attempt + 1}/${settings.repriceAttempts}`;
  if (rung.bps === 0) return 'IOC at bid';
  return `IOC bid ${rung.bps < 0 ? '−' : '+'} ${Math.abs(rung.bps)} bps (${attempt + 1}/${rungs})`;
}
