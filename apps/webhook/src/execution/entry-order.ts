// Prices and sizes an entry from the exchange's quote. There is no fallback price: without a valid
// bid/ask the decision is BLOCKED with PRICE_UNAVAILABLE.
import { type Decimal, dec, ONE, ZERO } from '@hookline/core';
import type { Balances, Ticker } from '@hookline/exchange';
import type { NormalizedAlert } from '@hookline/schemas';

/** The limit price of a buy: the ask, less the configured offset. */
export function entryLimitPrice(ticker: Ticker, offsetBps: number): Decimal {
  return ticker.ask.times(ONE.minus(dec(offsetBps).dividedBy(10_000)));
}

/** True when the quote can price an order at all (both sides positive, not crossed). */
export function isUsableQuote(ticker: Ticker): boolean {
  return (
    ticker.bid.isFinite() &&
    ticker.ask.isFinite() &&
    ticker.bid.greaterThan(ZERO) &&
    ticker.ask.greaterThanOrEqualTo(ticker.bid)
  );
}

/**
 * The base amount an alert asks to buy at `price`: its size in quote, base or % of equity (equity
 * here: total quote cash), or the configured default quote amount.
 */
export function entryAmount(
  alert: NormalizedAlert,
  price: Decimal,
  balances: Balances,
  quoteCurrency: string,
  defaultSizeQuote: Decimal,
): Decimal {
  const size = alert.size;
  if (size === null) return defaultSizeQuote.dividedBy(price);
  const amount = dec(size.amount);
  switch (size.unit) {
    case 'base':
      return amount;
    case 'quote':
      return amount.dividedBy(price);
    case 'equity_pct': {
      const equity = balances[quoteCurrency]?.total ?? ZERO;
      return equity.times(amount).dividedBy(100).dividedBy(price);
    }
  }
}
