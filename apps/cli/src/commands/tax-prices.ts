// `tax report --price ASSET=USD` (repeatable): the prices year-end holdings are valued at. An asset
// without a price is valued `unknown`: the report never guesses a price.
import { type Decimal, dec } from '@hookline/core';
import { UsageError } from '../usage.js';

/** The prices by asset (upper-cased); a malformed or repeated one is a usage error naming it. */
export function parseTaxPrices(values: readonly string[] = []): Map<string, Decimal> {
  const prices = new Map<string, Decimal>();
  for (const value of values) {
    const match = /^([A-Za-z0-9.]+)=(\d+(\.\d+)?)$/.exec(value.trim());
    if (match === null) {
      throw new UsageError(`--price "${value}" is not ASSET=USD with a positive number, e.g. BTC=65000`);
    }
    const asset = (match[1] ?? '').toUpperCase();
    if (prices.has(asset)) throw new UsageError(`--price gives ${asset} twice`);
    const price = dec(match[2] ?? '0');
    if (!price.greaterThan(0)) throw new UsageError(`--price "${value}": the price must be above 0`);
    prices.set(asset, price);
  }
  return prices;
}
