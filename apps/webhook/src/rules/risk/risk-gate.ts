import { checkDailyLoss, checkLossStreak, checkOpenPositions } from './account-rules.js';
import { type AccountValuation, valueAccount } from './account-valuation.js';
import { checkAlertAge } from './alert-age-rule.js';
import { checkImmediateLoss, checkPriceDeviation, checkSpread } from './entry-price-rules.js';
import { checkExitWorking } from './exit-working-rule.js';
import {
  checkExchangeCircuit,
  checkOrderCircuitForExit,
  checkPricesAvailable,
  checkQuoteFreshness,
} from './market-data-rules.js';
import { checkMomentum24h } from './momentum-rule.js';
import {
  checkBuyGuard,
  checkTradingStateForEntry,
  checkTradingStateForExit,
  isEmergencyExit,
} from './operator-rules.js';
import { checkOrderRate } from './order-rate-rule.js';
import { checkPositionSize } from './position-size-rule.js';
import { defaultRiskLimits, type RiskLimits } from './risk-limits.js';
import type { EntryRequest, ExitRequest, RiskState } from './risk-state.js';
import { type NamedRule, type RiskVerdict, type RuleResult, runRules } from './risk-verdict.js';
import { checkDuplicateOrder, checkSymbolCooldown } from './symbol-rules.js';

interface EntryContext {
  readonly request: EntryRequest;
  readonly state: RiskState;
  readonly limits: RiskLimits;
  /** Computed on first use, inside a rule, so a bad value refuses instead of throwing. */
  readonly valuation: () => AccountValuation;
}

interface ExitContext {
  readonly request: ExitRequest;
  readonly state: RiskState;
  readonly limits: RiskLimits;
}

/**
 * Entry rules, first refusal wins. The order records the most useful reason:
 * 1–2. the operator's switches (trading state, buy guard): the most authoritative word; HALTED beats all;
 * 3. the exchange circuits: with either breaker OFFLINE (market data or orders) nothing below matters;
 * 4. the alert's age: an old alert never gets younger, and it needs no market data;
 * 5–6. fresh market data, then a valid price for every holding: the rules below compute from those
 *    values, so they must not run on stale or missing ones;
 * 7–9. this entry's price guards: the book's spread, the alert's price against the mid, then what
 *    the entry would lose at once at the bid (it is mostly spread and fee, so those name it first);
 * 10. the symbol's 24 h momentum (off unless configured): a market guard like those above;
 * 11–13. account-wide limits, longest-lasting first (daily loss until midnight, loss-streak cooldown,
 *    open-position count);
 * 14–16. this symbol's limits (position size, cooldown after an exit, duplicate working buy);
 * 16b. an exit of this symbol still working (a buy would re-open what it is closing);
 * 17. the order rate last: the most transient, so a lasting reason is never hidden behind it.
 */
export const entryRules: readonly NamedRule<EntryContext>[] = [
  { name: 'tradingState', check: ({ state }) => checkTradingStateForEntry(state) },
  { name: 'buyGuard', check: ({ state }) => checkBuyGuard(state.buyGuard) },
  { name: 'exchangeCircuit', check: ({ state }) => checkExchangeCircuit(state.exchangeHealth) },
  { name: 'alertAge', check: ({ request, limits }) => checkAlertAge(request.alert, limits.maxAlertAgeMs) },
  {
    name: 'marketData',
    check: ({ request, state, limits }) =>
      checkQuoteFreshness(request.symbol, state.quotes[request.symbol], state.now, limits.maxQuoteAgeMs),
  },
  {
    name: 'prices',
    check: ({ request, state, valuation }) =>
      checkPricesAvailable(request.symbol, state.quotes[request.symbol], valuation()),
  },
  {
    name: 'spread',
    check: ({ request, state, limits }) =>
      checkSpread(request.symbol, state.quotes[request.symbol], limits.maxSpreadBps),
  },
  {
    name: 'priceDeviation',
    check: ({ request, state, limits }) =>
      checkPriceDeviation(
        request.symbol,
        state.quotes[request.symbol],
        request.alert,
        limits.maxPriceDeviationPct,
      ),
  },
  {
    name: 'immediateLoss',
    check: ({ request, state, limits }) =>
      checkImmediateLoss(
        request.symbol,
        state.quotes[request.symbol],
        request.price,
        request.feePct,
        limits.maxImmediateLossPct,
      ),
  },
  {
    name: 'momentum24h',
    check: ({ request, state, limits }) =>
      checkMomentum24h(request.symbol, state.quotes[request.symbol], {
        minPct: limits.minMomentum24hPct,
        maxPct: limits.maxMomentum24hPct,
      }),
  },
  { name: 'dailyLoss', check: ({ state, limits, valuation }) => checkDailyLoss(state, valuation(), limits) },
  { name: 'lossStreak', check: ({ state, limits }) => checkLossStreak(state, limits) },
  {
    name: 'openPositions',
    check: ({ request, state, limits }) => checkOpenPositions(state, request, limits),
  },
  {
    name: 'positionSize',
    check: ({ request, state, limits, valuation }) => checkPositionSize(state, request, valuation(), limits),
  },
  {
    name: 'symbolCooldown',
    check: ({ request, state, limits }) => checkSymbolCooldown(state, request.symbol, limits),
  },
  {
    name: 'duplicateOrder',
    check: ({ request, state }) => checkDuplicateOrder(state, request.symbol, 'buy'),
  },
  { name: 'exitWorking', check: ({ request, state }) => checkExitWorking(state, request.symbol) },
  { name: 'orderRate', check: ({ state, limits }) => checkOrderRate(state, limits) },
];

/**
 * Exit rules. Exits reduce risk, so the buy guard, loss limits, cooldowns, position limits and the
 * order rate never hold one back. HALTED lets only HARD_STOP and EMERGENCY through; an OFFLINE
 * orders circuit refuses ordinary exits (the sentinel asks again in 3 s) while HARD_STOP and
 * EMERGENCY go on as the adapter's urgent probe; the market data circuit never refuses an exit;
 * stale data and an already-working sell refuse ordinary exits (they would price a LIMIT from a stale
 * bid, or stack a second sell), while emergency exits go on: their ladder ends in a market order,
 * and the executor cancels the working sell first. Cancels never pass through the gate: they only
 * ever lower risk, so they are allowed in every state.
 */
export const exitRules: readonly NamedRule<ExitContext>[] = [
  { name: 'tradingState', check: ({ request, state }) => checkTradingStateForExit(state, request) },
  {
    name: 'exchangeCircuit',
    check: ({ request, state }) =>
      checkOrderCircuitForExit(
        state.orderCircuitHealth ?? state.exchangeHealth,
        isEmergencyExit(request.reason),
      ),
  },
  {
    name: 'marketData',
    check: ({ request, state, limits }) =>
      unlessEmergency(
        request,
        checkQuoteFreshness(request.symbol, state.quotes[request.symbol], state.now, limits.maxQuoteAgeMs),
      ),
  },
  {
    name: 'duplicateOrder',
    check: ({ request, state }) =>
      unlessEmergency(request, checkDuplicateOrder(state, request.symbol, 'sell')),
  },
];

/** Decides whether an entry (a buy) may be ordered now. Pure; never throws. */
export function evaluateEntry(
  request: EntryRequest,
  state: RiskState,
  limits: RiskLimits = defaultRiskLimits,
): RiskVerdict {
  let cached: AccountValuation | undefined;
  const valuation = (): AccountValuation => {
    cached ??= valueAccount(state, limits.maxQuoteAgeMs);
    return cached;
  };
  return runRules(entryRules, { request, state, limits, valuation });
}

/** Decides whether an exit (a sell, for `request.reason`) may be ordered now. Pure; never throws. */
export function evaluateExit(
  request: ExitRequest,
  state: RiskState,
  limits: RiskLimits = defaultRiskLimits,
): RiskVerdict {
  return runRules(exitRules, { request, state, limits });
}

// An emergency exit keeps the rule's inputs (the decision shows what was overridden) but not its refusal.
function unlessEmergency(request: ExitRequest, result: RuleResult): RuleResult {
  if (!isEmergencyExit(request.reason)) return result;
  return { inputs: { ...result.inputs, emergencyExit: true, overridden: result.refusal?.reason ?? null } };
}
