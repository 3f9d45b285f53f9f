// The exit ladder: which order an exit sends at each attempt. Pure; the executor derives the attempt
// from the exit's stored orders, so the ladder resumes where it was after a restart.
import { type Decimal, dec, type ExitReason, ONE, quantizeToTick } from '@hookline/core';
import { isEmergencyExit } from '../../rules/index.js';
import type { ExitExecutionSettings } from '../exit-settings.js';

/**
 * MARKET orders an exit may send before it gives up: a market order takes only what the book holds,
 * so the last rung repeats for a remainder, but not forever (a venue refusing every one must stop).
 */
export const MARKET_ATTEMPTS = 3;

/** The order of one attempt. */
export interface ExitOrderPlan {
  /** 0 for the exit's first order; the client order id derives from (decision, attempt). */
  readonly attempt: number;
  readonly orderType: 'LIMIT' | 'MARKET';
  readonly timeInForce: 'GTC' | 'IOC';
  /** On the tick; undefined for MARKET. */
  readonly price: Decimal | undefined;
  /** What the rung is, for logs and decisions ("LIMIT 2/3", "IOC bid − 5 bps", "MARKET"). */
  readonly step: string;
}

/** What the ladder needs to price an attempt. */
export interface ExitLadderInput {
  readonly reason: ExitReason;
  readonly attempt: number;
  /** The current best bid (valid and positive). */
  readonly bid: Decimal;
  readonly priceTick: Decimal;
  readonly settings: Pick<ExitExecutionSettings, 'limitOffsetBps' | 'repriceAttempts' | 'hardStopLadderBps'>;
}

/**
 * True for exits that never rest a LIMIT: the hard stop (docs/architecture.md: IOC ladder, then market)
 * and the operator's emergency flatten, which the risk gate treats alike.
 */
export function usesImmediateLadder(reason: ExitReason): boolean {
  return isEmergencyExit(reason);
}

/**
 * The order for `attempt`, or undefined when the ladder is exhausted. Ordinary exits: LIMIT GTC at
 * bid × (1 + offset) for repriceAttempts attempts, then one IOC at the bid, then MARKET. Hard stop:
 * one IOC per ladder step at bid × (1 − step), then MARKET. Sell prices round up to the tick (never
 * below the intended price; at most one tick less aggressive).
 */
export function planExitOrder(input: ExitLadderInput): ExitOrderPlan | undefined {
  const { attempt, bid, priceTick, settings } = input;
  const limits = usesImmediateLadder(input.reason)
    ? settings.hardStopLadderBps.map((bps) => ({ bps: -bps, timeInForce: 'IOC' as const }))
    : [
        ...Array.from({ length: settings.repriceAttempts }, () => ({
          bps: settings.limitOffsetBps,
          timeInForce: 'GTC' as const,
        })),
        { bps: 0, timeInForce: 'IOC' as const },
      ];
  const rung = limits[attempt];
  if (rung !== undefined) {
    const price = quantizeToTick(bid.times(ONE.plus(dec(rung.bps).dividedBy(10_000))), priceTick, 'up');
    return {
      attempt,
      orderType: 'LIMIT',
      timeInForce: rung.timeInForce,
      price,
      step: stepName(rung, attempt, limits.length, settings),
    };
  }
  if (attempt < limits.length + MARKET_ATTEMPTS) {
    return { attempt, orderType: 'MARKET', timeInForce: 'IOC', price: undefined, step: 'MARKET' };
  }
  return undefined;
}

function stepName(
  rung: { bps: number; timeInForce: 'GTC' | 'IOC' },
  attempt: number,
  rungs: number,
  settings: ExitLadderInput['settings'],
): string {
  if (rung.timeInForce === 'GTC') return `LIMIT ${attempt + 1}/${settings.repriceAttempts}`;
  if (rung.bps === 0) return 'IOC at bid';
  return `IOC bid ${rung.bps < 0 ? '−' : '+'} ${Math.abs(rung.bps)} bps (${attempt + 1}/${rungs})`;
}
