import { type Decimal, dec, max, quantizeDown, sum, ZERO } from '@hookline/core';
import { decimalInput } from '../json-inputs.js';
import type { AccountValuation } from './account-valuation.js';
import type { RiskLimits } from './risk-limits.js';
import type { EntryRequest, RiskState } from './risk-state.js';
import { pass, type RuleResult, refuse } from './risk-verdict.js';

// Quantities keep 18 decimal places (docs/architecture.md, "Money and time").
const quantityResolution = dec('0.000000000000000001');

/**
 * The symbol's position after this entry, valued as held (at the bid) + working buys (at their
 * limit; a market buy at the entry's price) + the entry (amount × price), may be worth up to
 * maxPositionPct of equity; exactly at it is allowed. A larger entry is refused, not trimmed: the
 * gate never changes what was asked, so the decision row shows the refusal, and the inputs carry
 * maxAdditionalAmount for a caller that wants to re-size and ask again.
 */
export function checkPositionSize(
  state: RiskState,
  request: EntryRequest,
  valuation: AccountValuation,
  limits: RiskLimits,
): RuleResult {
  const inputs = {
    symbol: request.symbol,
    amount: decimalInput(request.amount),
    price: decimalInput(request.price),
    maxPositionPct: decimalInput(limits.maxPositionPct),
  };
  if (!isPositive(request.amount) || !isPositive(request.price)) {
    return refuse('INVALID_ARGUMENT', 'the entry amount and price must be positive', inputs);
  }
  if (!valuation.known) return refuse('PRICE_UNAVAILABLE', 'equity is unknown', inputs);
  const heldValue = valuation.positionValues.get(request.symbol) ?? ZERO;
  const pendingValue = sum(
    state.openOrders
      .filter((order) => order.symbol === request.symbol && order.side === 'buy')
      .map((order) => dec(order.remainingAmount).times(order.price ?? request.price)),
  );
  const entryValue = dec(request.amount).times(request.price);
  const projectedValue = heldValue.plus(pendingValue).plus(entryValue);
  const maxValue = dec(dec(valuation.equity).times(limits.maxPositionPct).dividedBy(100));
  const headroom = max(ZERO, maxValue.minus(heldValue).minus(pendingValue));
  const maxAdditionalAmount = quantizeDown(headroom.dividedBy(request.price), quantityResolution);
  const measured = {
    ...inputs,
    equity: decimalInput(valuation.equity),
    heldValue: decimalInput(heldValue),
    pendingBuyValue: decimalInput(pendingValue),
    entryValue: decimalInput(entryValue),
    projectedValue: decimalInput(projectedValue),
    maxPositionValue: decimalInput(maxValue),
    maxAdditionalAmount: decimalInput(maxAdditionalAmount),
  };
  if (projectedValue.greaterThan(maxValue)) {
    const message =
      `${request.symbol} would be worth ${measured.projectedValue}, above ${measured.maxPositionPct}% of equity ` +
      `(${measured.maxPositionValue}); at most ${measured.maxAdditionalAmount} more can be bought`;
    return refuse('MAX_POSITION_SIZE', message, measured);
  }
  return pass(measured);
}

function isPositive(value: Decimal): boolean {
  return value.isFinite() && value.greaterThan(0);
}
