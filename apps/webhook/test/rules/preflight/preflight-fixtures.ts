import { dec } from '@hookline/core';
import type { Balances, Market } from '@hookline/exchange';
import type { OrderIntent, PreflightVerdict } from '../../../src/rules/index.js';

/** A market with rules given as strings. */
export function market(
  symbol: string,
  rules: { tick: string; step: string; minAmount: string; minNotional: string; active?: boolean },
): Market {
  const [base = '', quote = ''] = symbol.split('/');
  return {
    symbol,
    base,
    quote,
    exchangeSymbol: `${base}-${quote}`,
    priceTick: dec(rules.tick),
    amountStep: dec(rules.step),
    minAmount: dec(rules.minAmount),
    minNotional: dec(rules.minNotional),
    active: rules.active ?? true,
  };
}

/** Coinbase BTC-USD: quote_increment 0.01, base_increment 0.00000001, quote_min_size 1. */
export const btcUsd = market('BTC/USD', {
  tick: '0.01',
  step: '0.00000001',
  minAmount: '0.00000001',
  minNotional: '1',
});

/** A DOGE-like market: whole coins only. */
export const dogeUsd = market('DOGE/USD', { tick: '0.00001', step: '1', minAmount: '1', minNotional: '1' });

/** A market whose minimum size is ten steps, so truncation can take an amount below it. */
export const solUsd = market('SOL/USD', { tick: '0.01', step: '0.01', minAmount: '0.1', minNotional: '1' });

/** Balances given as [currency, available, total?] (total defaults to available). */
export function balances(...entries: [string, string, string?][]): Balances {
  return Object.fromEntries(
    entries.map(([currency, available, total]) => [
      currency,
      { currency, available: dec(available), total: dec(total ?? available) },
    ]),
  );
}

/** An intent with decimals given as strings. */
export function intent(side: 'buy' | 'sell', amount: string, price: string): OrderIntent {
  return { side, amount: dec(amount), price: dec(price) };
}

/** The verdict in one comparable line: ORDER amount@price, DUST amount, or the refusal reason. */
export function summary(verdict: PreflightVerdict): string {
  if (verdict.ok) return `ORDER ${verdict.amount.toFixed()}@${verdict.price.toFixed()}`;
  if (verdict.dust) return `DUST ${verdict.amount.toFixed()}`;
  return verdict.reason;
}
