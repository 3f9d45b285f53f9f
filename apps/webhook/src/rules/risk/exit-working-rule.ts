import type { RiskState } from './risk-state.js';
import { pass, type RuleResult, refuse } from './risk-verdict.js';

/**
 * No buy while an exit of the symbol is working (a user's sell or exit, or the sentinel's): the buy
 * would re-open what the exit is closing, and the exit's orders and sizing would race it. The buy
 * may be sent again once the exit is over.
 */
export function checkExitWorking(state: RiskState, symbol: string): RuleResult {
  const exiting = (state.exitingSymbols ?? []).includes(symbol);
  const inputs = { symbol, exitWorking: exiting };
  if (exiting) {
    return refuse('EXIT_WORKING', `an exit of ${symbol} is working: no buy until it is over`, inputs);
  }
  return pass(inputs);
}
