import { instantInput } from '../json-inputs.js';
import type { RiskLimits } from './risk-limits.js';
import type { RiskState } from './risk-state.js';
import { pass, type RuleResult, refuse } from './risk-verdict.js';

/** A symbol exited less than symbolCooldownMs ago is not re-entered (at exactly that age it may be). */
export function checkSymbolCooldown(state: RiskState, symbol: string, limits: RiskLimits): RuleResult {
  const exitTimes = state.recentExits
    .filter((exit) => exit.symbol === symbol)
    .map((exit) => exit.exitedAt.getTime());
  const lastExitAt = exitTimes.length > 0 ? new Date(Math.max(...exitTimes)) : undefined;
  const until =
    lastExitAt === undefined ? undefined : new Date(lastExitAt.getTime() + limits.symbolCooldownMs);
  const inputs = {
    symbol,
    lastExitAt: instantInput(lastExitAt),
    symbolCooldownMs: limits.symbolCooldownMs,
    cooldownUntil: instantInput(until),
    now: instantInput(state.now),
  };
  if (until !== undefined && !(state.now.getTime() >= until.getTime())) {
    return refuse(
      'SYMBOL_COOLDOWN',
      `${symbol} was exited at ${inputs.lastExitAt}: cooling down until ${inputs.cooldownUntil}`,
      inputs,
    );
  }
  return pass(inputs);
}

/** A second working order on the same symbol and side is refused (a retry must reuse the first). */
export function checkDuplicateOrder(state: RiskState, symbol: string, side: 'buy' | 'sell'): RuleResult {
  const sameSide = state.openOrders.filter((order) => order.symbol === symbol && order.side === side);
  const inputs = { symbol, side, openOrdersOnSide: sameSide.length };
  if (sameSide.length > 0) {
    return refuse('DUPLICATE_OPEN_ORDER', `a ${side} order on ${symbol} is already working`, inputs);
  }
  return pass(inputs);
}
