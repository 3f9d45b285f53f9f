import { dec } from '@hookline/core';
import type { LedgerFill } from '../../src/index.js';

// Benchmark fills bent out of their tidy shape, so the slow paths stay covered too: sizes and prices
// with more than 18 decimals, quote-fee rebates, zero prices, fees in the quote's USD twin.
export function irregular(fills: readonly LedgerFill[]): LedgerFill[] {
  return fills.map((fill, index) => {
    let { price, size, fee, feeCurrency } = fill;
    if (index % 7 === 0) size = size.times(dec('1.0000000000000000000007'));
    if (index % 11 === 0 && feeCurrency === 'USD') fee = fee.negated();
    if (index % 13 === 0) price = price.plus(dec('0.000000000000000000000123456789'));
    if (index % 17 === 0) price = dec(0);
    if (index % 19 === 0 && feeCurrency === 'USD') feeCurrency = 'USDT';
    if (index % 23 === 0 && feeCurrency === 'USD') fee = dec(0);
    if (index % 29 === 0) size = size.dividedBy(3);
    return { ...fill, price, size, fee, feeCurrency };
  });
}
