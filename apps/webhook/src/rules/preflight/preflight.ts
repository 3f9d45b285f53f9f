import {
  type Decimal,
  dec,
  max,
  min,
  quantizeDown,
  quantizeToTick,
  type ReasonCode,
  ZERO,
} from '@hookline/core';
import type { Balances, Market } from '@hookline/exchange';
import { decimalInput, type RuleInputs } from '../json-inputs.js';
import { bumpToMinNotional } from './min-notional-bump.js';
import {
  defaultPreflightOptions,
  type OrderIntent,
  type PreflightAdjustment,
  type PreflightOptions,
  type PreflightVerdict,
} from './preflight-types.js';

interface Draft {
  readonly intent: OrderIntent;
  readonly market: Market;
  readonly options: PreflightOptions;
  /** The available balance that pays: quote for a buy, base for a sell (never the total). */
  readonly available: Decimal;
  readonly inputs: Record<string, string>;
  readonly adjustments: PreflightAdjustment[];
}

/**
 * Makes an intent fit the market, or says why it cannot: price to the tick (a buy rounds down so it
 * never pays more than intended, a sell up so it never sells below), amount truncated to the step
 * (never rounded up: ccxt truncates too, and truncating never asks for more than we hold), then the
 * minimum size and notional (ccxt does not check them), then the available balance. Pure; never throws.
 */
export function preflightOrder(
  intent: OrderIntent,
  market: Market,
  balances: Balances,
  options: PreflightOptions = defaultPreflightOptions,
): PreflightVerdict {
  const currency = intent.side === 'buy' ? market.quote : market.base;
  const available = balances[currency]?.available ?? ZERO;
  const inputs = describeIntent(intent, market, options, currency, available);
  try {
    return checkIntent({ intent, market, options, available, inputs, adjustments: [] });
  } catch (error) {
    return refused('INVALID_ARGUMENT', error instanceof Error ? error.message : String(error), inputs);
  }
}

function checkIntent(draft: Draft): PreflightVerdict {
  const { intent, market, inputs } = draft;
  if (!market.active)
    return refused('MARKET_UNAVAILABLE', `${market.symbol} is not accepting orders`, inputs);
  const minimumsValid = isNotNegative(market.minAmount) && isNotNegative(market.minNotional);
  if (!isPositive(market.priceTick) || !isPositive(market.amountStep) || !minimumsValid) {
    return refused('MARKET_UNAVAILABLE', `${market.symbol} has invalid tick, step or minimums`, inputs);
  }
  if (!isPositive(intent.price)) return refused('INVALID_PRICE', 'the price must be positive', inputs);
  if (!isPositive(intent.amount)) return refused('INVALID_ARGUMENT', 'the amount must be positive', inputs);
  const price = quantizeToTick(intent.price, market.priceTick, intent.side === 'buy' ? 'down' : 'up');
  adjust(draft, 'PRICE_TO_TICK', intent.price, price);
  inputs.price = decimalInput(price);
  if (!price.greaterThan(0)) return refused('INVALID_PRICE', `the price is below one tick`, inputs);
  return intent.side === 'buy' ? checkBuy(draft, price) : checkSell(draft, price);
}

// A buy below the minimum size is refused; below the minimum notional it may be bumped. The quote
// balance must cover the notional plus the fee reserve.
function checkBuy(draft: Draft, price: Decimal): PreflightVerdict {
  const { market, inputs } = draft;
  let amount = toStep(draft, draft.intent.amount);
  const sizeProblem = belowMinimumSize(amount, market);
  if (sizeProblem) return refused('BELOW_MIN_SIZE', sizeProblem, inputs);
  if (price.times(amount).lessThan(market.minNotional)) {
    const bump = bumpToMinNotional(price, amount, market, draft.options.minNotionalBumpTolerancePct);
    if (!bump.bumped)
      return refused(bump.reason, bump.message, { ...inputs, bumpedAmount: bump.bumpedAmount });
    adjust(draft, 'BUMPED_TO_MIN_NOTIONAL', amount, bump.amount);
    amount = bump.amount;
  }
  const notional = price.times(amount);
  // A maker rebate (negative fee) never lowers the reserve: the order may still fill as a taker.
  const feePct = max(ZERO, draft.options.feePct ?? ZERO);
  const required = notional.times(dec(100).plus(feePct)).dividedBy(100);
  inputs.amount = decimalInput(amount);
  inputs.required = decimalInput(required);
  // Written as "not enough" so a NaN balance refuses too.
  if (!draft.available.greaterThanOrEqualTo(required)) {
    const message =
      `the buy needs ${inputs.required} ${market.quote} (notional ${decimalInput(notional)} + ${decimalInput(feePct)}% fee) ` +
      `but only ${inputs.available} is available`;
    return refused('INSUFFICIENT_BALANCE', message, inputs);
  }
  return accepted(draft, price, amount);
}

// A sell is capped at the available base and never raised (more than asked would sell coins that are
// not the position's). What cannot reach the minimums is dust, unless nothing is available at all
// (then the coins are reserved by an open order or gone, which the caller must resolve).
function checkSell(draft: Draft, price: Decimal): PreflightVerdict {
  const { intent, market, inputs, available } = draft;
  if (!available.greaterThan(0)) {
    return refused('INSUFFICIENT_BALANCE', `no ${market.base} is available to sell`, inputs);
  }
  const capped = min(dec(intent.amount), available);
  adjust(draft, 'AMOUNT_CAPPED_TO_AVAILABLE', intent.amount, capped);
  const amount = toStep(draft, capped);
  inputs.amount = decimalInput(amount);
  const notional = price.times(amount);
  const problem =
    belowMinimumSize(amount, market) ??
    (notional.lessThan(market.minNotional)
      ? `the order value ${decimalInput(notional)} is below the minimum notional ${inputs.minNotional}`
      : undefined);
  if (problem) {
    const message = `${decimalInput(capped)} ${market.base} cannot be sold: ${problem}`;
    return { ok: false, dust: true, reason: 'DUST', amount: capped, message, inputs: { ...inputs } };
  }
  return accepted(draft, price, amount);
}

function toStep(draft: Draft, amount: Decimal): Decimal {
  const stepped = quantizeDown(amount, draft.market.amountStep);
  adjust(draft, 'AMOUNT_TO_STEP', amount, stepped);
  return stepped;
}

function belowMinimumSize(amount: Decimal, market: Market): string | undefined {
  if (amount.isZero()) return `the amount truncates to zero at step ${decimalInput(market.amountStep)}`;
  if (amount.lessThan(market.minAmount)) {
    return `the amount ${decimalInput(amount)} is below the minimum size ${decimalInput(market.minAmount)}`;
  }
  return undefined;
}

function adjust(draft: Draft, kind: PreflightAdjustment['kind'], from: Decimal, to: Decimal): void {
  if (!from.equals(to)) draft.adjustments.push({ kind, from: decimalInput(from), to: decimalInput(to) });
}

function accepted(draft: Draft, price: Decimal, amount: Decimal): PreflightVerdict {
  return { ok: true, price, amount, notional: price.times(amount), adjustments: draft.adjustments };
}

function refused(reason: ReasonCode, message: string, inputs: RuleInputs): PreflightVerdict {
  return { ok: false, dust: false, reason, message, inputs: { ...inputs } };
}

function describeIntent(
  intent: OrderIntent,
  market: Market,
  options: PreflightOptions,
  currency: string,
  available: Decimal,
): Record<string, string> {
  return {
    symbol: market.symbol,
    side: intent.side,
    requestedPrice: decimalInput(intent.price),
    requestedAmount: decimalInput(intent.amount),
    priceTick: decimalInput(market.priceTick),
    amountStep: decimalInput(market.amountStep),
    minAmount: decimalInput(market.minAmount),
    minNotional: decimalInput(market.minNotional),
    balanceCurrency: currency,
    available: decimalInput(available),
    feePct: decimalInput(options.feePct ?? ZERO),
    minNotionalBumpTolerancePct: decimalInput(options.minNotionalBumpTolerancePct),
  };
}

function isPositive(value: Decimal): boolean {
  return value.isFinite() && value.greaterThan(0);
}

function isNotNegative(value: Decimal): boolean {
  return value.isFinite() && !value.isNegative();
}
