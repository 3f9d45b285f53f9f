import type { ExitReason } from '@hookline/core';
import type { BuyGuardFlags, ExitRequest, RiskState } from './risk-state.js';
import { pass, type RuleResult, refuse } from './risk-verdict.js';

/**
 * Exits that go through even when HALTED: the hard stop (docs/architecture.md: it ignores REDUCING and
 * HALTED) and an operator's emergency flatten. Every other exit waits for the operator.
 */
export const emergencyExitReasons: ReadonlySet<ExitReason> = new Set<ExitReason>(['HARD_STOP', 'EMERGENCY']);

/** True for an exit that must not be held back by HALTED, stale data or a working exit order. */
export function isEmergencyExit(reason: ExitReason): boolean {
  return emergencyExitReasons.has(reason);
}

/** Entries need ACTIVE: REDUCING allows exits only, HALTED nothing new. */
export function checkTradingStateForEntry(state: RiskState): RuleResult {
  const inputs = { tradingState: state.tradingState };
  if (state.tradingState === 'HALTED') {
    return refuse('TRADING_HALTED', 'trading is HALTED: no new entries', inputs);
  }
  if (state.tradingState === 'REDUCING') {
    return refuse('TRADING_REDUCING', 'trading is REDUCING: exits only, no new entries', inputs);
  }
  return pass(inputs);
}

/** Exits are allowed while ACTIVE or REDUCING; while HALTED only the emergency ones. */
export function checkTradingStateForExit(state: RiskState, request: ExitRequest): RuleResult {
  const inputs = { tradingState: state.tradingState, exitReason: request.reason };
  if (state.tradingState === 'HALTED' && !isEmergencyExit(request.reason)) {
    return refuse(
      'TRADING_HALTED',
      `trading is HALTED: a ${request.reason} exit of ${request.symbol} waits; only HARD_STOP and EMERGENCY go through`,
      inputs,
    );
  }
  return pass(inputs);
}

/** Any of the three buy guards blocks entries; the message names the ones that are on. */
export function checkBuyGuard(flags: BuyGuardFlags): RuleResult {
  const activeBy = (['env', 'file', 'api'] as const).filter((source) => flags[source]);
  const inputs = { env: flags.env, file: flags.file, api: flags.api, activeBy };
  if (activeBy.length > 0) {
    return refuse('BUY_GUARD_ACTIVE', `the buy guard is on (set by ${activeBy.join(', ')})`, inputs);
  }
  return pass(inputs);
}
