// The exit risk gate over the few facts its rules read. The exit rules (rules/risk/risk-gate.ts)
// look only at the trading state, the circuit, the symbol's quote and the working sells, so the state
// is built from those alone: the account-wide reads an entry needs (equity, the daily baseline) are
// skipped, and nothing an exit rule reads is left out.
import { dec, type ExitReason } from '@hookline/core';
import type { Ticker } from '@hookline/exchange';
import { readWorkingSells, type Store } from '@hookline/store';
import type { RiskControls } from '../../execution/risk-snapshot.js';
import {
  controlsOnlyRiskState,
  defaultRiskLimits,
  evaluateExit,
  type OpenOrder,
  type RiskVerdict,
} from '../../rules/index.js';

/** What one exit gate evaluation reads. */
export interface ExitGateInput {
  readonly symbol: string;
  readonly reason: ExitReason;
  readonly controls: RiskControls;
  /** The symbol's quote; undefined when none could be read. */
  readonly ticker: Ticker | undefined;
  readonly now: Date;
  readonly maxQuoteAgeMs: number;
  /** Our working sells on the symbol (an ordinary exit does not stack a second sell). */
  readonly workingSells: readonly OpenOrder[];
}

/** Asks the exit gate whether an exit order may be sent now. Pure; never throws. */
export function checkExitGate(input: ExitGateInput): RiskVerdict {
  const { now } = input;
  const state = controlsOnlyRiskState(now, input.controls, {
    quotes: input.ticker === undefined ? {} : { [input.symbol]: input.ticker },
    openOrders: input.workingSells,
  });
  const limits = { ...defaultRiskLimits, maxQuoteAgeMs: input.maxQuoteAgeMs };
  return evaluateExit({ symbol: input.symbol, reason: input.reason }, state, limits);
}

/**
 * Our working sells on the symbol, as the gate sees open orders. Our protective stop is not one: the
 * exit cancels it before it sells (and its coins stay reserved until the cancel is confirmed).
 */
export async function workingSells(store: Store, account: string, symbol: string): Promise<OpenOrder[]> {
  const rows = await readWorkingSells(store, { account, symbol });
  return rows
    .filter((row) => row.exitReason !== 'PROTECTIVE_STOP')
    .map((row) => ({
      symbol: row.symbol,
      side: 'sell',
      remainingAmount: dec(row.size.minus(row.filledSize).toString()),
      price: row.price === null ? undefined : dec(row.price.toString()),
    }));
}
