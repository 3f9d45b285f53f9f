import { type Decimal, dec } from '@hookline/core';
import type { Market } from '../port/market.js';

/** How a synthetic market's mid price moves each step: a random walk with drift and jumps. */
export interface RandomWalkParams {
  readonly initialPrice: Decimal;
  /** Standard deviation of the relative change per √second (0.6 / √(365 days) ≈ 60 % a year). */
  readonly volatilityPerSqrtSecond: number;
  /** Mean relative change per second. */
  readonly driftPerSecond: number;
  /** Chance per step of a jump (news, a liquidation cascade). */
  readonly jumpProbabilityPerStep: number;
  /** Largest relative size of a jump, up or down (uniform in ± this). */
  readonly jumpSize: number;
}

/** A paper market: the venue's rules plus how the simulated book around it looks. */
export interface PaperMarketSpec {
  readonly market: Market;
  /** Distance between best bid and best ask, in basis points of the mid. */
  readonly spreadBps: Decimal;
  /** Base amount offered at each price level (before the per-quote jitter of synthetic markets). */
  readonly levelSize: Decimal;
  readonly walk: RandomWalkParams;
}

// Per √second volatility from an annual one: σ_year / √(seconds in a year).
const secondsPerYear = 31_536_000;
const perSqrtSecond = (annual: number): number => annual / Math.sqrt(secondsPerYear);

function spec(
  base: string,
  rules: { tick: string; step: string; minAmount: string; minNotional: string },
  book: { price: string; spreadBps: string; levelSize: string; annualVolatility: number },
): PaperMarketSpec {
  return {
    market: {
      symbol: `${base}/USD`,
      base,
      quote: 'USD',
      exchangeSymbol: `${base}-USD`,
      priceTick: dec(rules.tick),
      amountStep: dec(rules.step),
      minAmount: dec(rules.minAmount),
      minNotional: dec(rules.minNotional),
      active: true,
    },
    spreadBps: dec(book.spreadBps),
    levelSize: dec(book.levelSize),
    walk: {
      initialPrice: dec(book.price),
      volatilityPerSqrtSecond: perSqrtSecond(book.annualVolatility),
      driftPerSecond: 0,
      jumpProbabilityPerStep: 0.0002,
      jumpSize: 0.01,
    },
  };
}

/**
 * The default paper markets, with rules like Coinbase's products (quote_increment 0.01,
 * base_increment 1e-8, quote_min_size 1 USD) and a base minimum like Kraken's ordermin, so that
 * paper trading meets the same refusals as live trading.
 */
export const defaultPaperMarkets: readonly PaperMarketSpec[] = [
  spec(
    'BTC',
    { tick: '0.01', step: '0.00000001', minAmount: '0.00001', minNotional: '1' },
    { price: '60000', spreadBps: '1', levelSize: '0.5', annualVolatility: 0.6 },
  ),
  spec(
    'ETH',
    { tick: '0.01', step: '0.00000001', minAmount: '0.0001', minNotional: '1' },
    { price: '3000', spreadBps: '2', levelSize: '5', annualVolatility: 0.75 },
  ),
  spec(
    'SOL',
    { tick: '0.01', step: '0.00000001', minAmount: '0.001', minNotional: '1' },
    { price: '150', spreadBps: '5', levelSize: '100', annualVolatility: 1 },
  ),
];
