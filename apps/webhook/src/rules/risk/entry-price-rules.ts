import { type Decimal, dec } from '@hookline/core';
import { decimalInput } from '../json-inputs.js';
import { hasValidPrices } from './quote-age.js';
import type { EntryAlert, Quote } from './risk-state.js';
import { pass, type RuleResult, refuse } from './risk-verdict.js';

// Entry guards on the price: the book's spread, what the entry loses at once, and how far the alert's
// price is from the market. Each compares cross-multiplied (no division, so no rounding decides a
// boundary); exactly at a limit passes.

const HUNDRED = dec(100);
const BPS = dec(10_000);
const TWO = dec(2);

/** The spread (ask − bid) over the mid, in basis points; maxBps 0 turns the guard off. */
export function checkSpread(symbol: string, quote: Quote | undefined, maxBps: Decimal): RuleResult {
  const { bid, ask } = validQuote(symbol, quote);
  const mid = bid.plus(ask).dividedBy(TWO);
  const spreadBps = ask.minus(bid).dividedBy(mid).times(BPS);
  const inputs = {
    symbol,
    bid: decimalInput(bid),
    ask: decimalInput(ask),
    spreadBps: shown(spreadBps),
    maxSpreadBps: decimalInput(maxBps),
  };
  if (maxBps.isZero()) return pass({ ...inputs, note: 'the spread guard is off' });
  if (ask.minus(bid).times(BPS).greaterThan(maxBps.times(mid))) {
    return refuse(
      'SPREAD_TOO_WIDE',
      `the ${symbol} spread is ${shown(spreadBps)} bps (max ${decimalInput(maxBps)} bps)`,
      inputs,
    );
  }
  return pass(inputs);
}

/**
 * What the entry loses at once: one unit bought at the entry price plus the fee reserve (when known),
 * valued at the bid right after, in % of what it cost. Below zero (bought under the bid) is a gain.
 */
export function checkImmediateLoss(
  symbol: string,
  quote: Quote | undefined,
  entryPrice: Decimal,
  feePct: Decimal | undefined,
  maxLossPct: Decimal,
): RuleResult {
  const { bid } = validQuote(symbol, quote);
  if (!(entryPrice.isFinite() && entryPrice.greaterThan(0))) {
    throw new Error(`the entry price ${decimalInput(entryPrice)} is not a positive price`);
  }
  const fee = feePct ?? dec(0);
  const cost = entryPrice.times(HUNDRED.plus(fee)).dividedBy(HUNDRED);
  const lossPct = cost.minus(bid).dividedBy(cost).times(HUNDRED);
  const inputs = {
    symbol,
    entryPrice: decimalInput(entryPrice),
    bid: decimalInput(bid),
    feePct: feePct === undefined ? null : decimalInput(feePct),
    immediateLossPct: shown(lossPct),
    maxImmediateLossPct: decimalInput(maxLossPct),
  };
  if (cost.minus(bid).times(HUNDRED).greaterThan(maxLossPct.times(cost))) {
    const fees = feePct === undefined ? 'no fee known' : `${decimalInput(feePct)}% fee included`;
    return refuse(
      'IMMEDIATE_LOSS_TOO_LARGE',
      `a ${symbol} buy at ${decimalInput(entryPrice)} would at once be worth ${shown(lossPct)}% less at the bid ` +
        `${decimalInput(bid)} (${fees}; max ${decimalInput(maxLossPct)}%)`,
      inputs,
    );
  }
  return pass(inputs);
}

/**
 * The alert's price against the market's mid, in % of the mid; an entry without an alert, an alert
 * without a price, and maxPct 0 (off) pass and say so.
 */
export function checkPriceDeviation(
  symbol: string,
  quote: Quote | undefined,
  alert: EntryAlert | undefined,
  maxPct: Decimal,
): RuleResult {
  const { bid, ask } = validQuote(symbol, quote);
  const mid = bid.plus(ask).dividedBy(TWO);
  const base = { symbol, mid: decimalInput(mid), maxPriceDeviationPct: decimalInput(maxPct) };
  if (alert?.price === undefined) {
    return pass({ ...base, alertPrice: null, note: alert ? 'the alert carries no price' : 'no alert' });
  }
  const price = alert.price;
  if (!(price.isFinite() && price.greaterThan(0))) {
    throw new Error(`the alert's price ${decimalInput(price)} is not a positive price`);
  }
  const deviationPct = price.minus(mid).abs().dividedBy(mid).times(HUNDRED);
  const inputs = { ...base, alertPrice: decimalInput(price), deviationPct: shown(deviationPct) };
  if (maxPct.isZero()) return pass({ ...inputs, note: 'the price deviation guard is off' });
  if (price.minus(mid).abs().times(HUNDRED).greaterThan(maxPct.times(mid))) {
    return refuse(
      'PRICE_DEVIATION',
      `the alert's price ${decimalInput(price)} is ${shown(deviationPct)}% from the ${symbol} mid ` +
        `${decimalInput(mid)} (max ${decimalInput(maxPct)}%)`,
      inputs,
    );
  }
  return pass(inputs);
}

// The prices rule runs before these and refuses an invalid quote; reaching here without one is a bug
// in the rule order, so it throws (the gate then refuses INVALID_ARGUMENT: fail closed).
function validQuote(symbol: string, quote: Quote | undefined): Quote {
  if (quote === undefined || !hasValidPrices(quote)) throw new Error(`${symbol} has no valid bid/ask`);
  return quote;
}

// Ratios are recorded to 6 decimal places: enough to read, never a 30-digit string.
function shown(value: Decimal): string {
  return decimalInput(value.toDecimalPlaces(6));
}
