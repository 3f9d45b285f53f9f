import { dec, ZERO } from '@hookline/core';
import {
  type ClosedTrade,
  defaultRiskLimits,
  type EntryRequest,
  type ExitRequest,
  type HeldPosition,
  type OpenOrder,
  type Quote,
  type RiskLimits,
  type RiskState,
} from '../../../src/rules/index.js';

/** The instant every test starts from: noon UTC, so the UTC day started 12 hours ago. */
export const now = new Date('2024-03-15T12:00:00.000Z');
export const dayStart = new Date('2024-03-15T00:00:00.000Z');

/** `now` moved by milliseconds (negative: earlier). */
export function at(offsetMs: number): Date {
  return new Date(now.getTime() + offsetMs);
}

/** A quote with both times `ageMs` before now. */
export function quote(bid: string, ask: string, ageMs = 1_000): Quote {
  return { bid: dec(bid), ask: dec(ask), exchangeTime: at(-ageMs), receivedAt: at(-ageMs) };
}

/** A plain held position (not dust, not HODL) bought at `costBasis`. */
export function position(
  symbol: string,
  amount: string,
  costBasis: string,
  flags: Partial<HeldPosition> = {},
): HeldPosition {
  return { symbol, amount: dec(amount), costBasis: dec(costBasis), dust: false, hodl: false, ...flags };
}

/** A working order. */
export function openOrder(symbol: string, side: 'buy' | 'sell', amount: string, price?: string): OpenOrder {
  return { symbol, side, remainingAmount: dec(amount), price: price === undefined ? undefined : dec(price) };
}

/** A finished exit `agoMs` before now with this P&L. */
export function exitTrade(symbol: string, pnl: string, agoMs: number): ClosedTrade {
  return { symbol, pnl: dec(pnl), exitedAt: at(-agoMs) };
}

/**
 * An ACTIVE account that allows the default entry: 10 000 USD cash, nothing held, nothing working,
 * a fresh BTC/USD quote, a clean day. Each test changes only what its rule reads.
 */
export function healthyState(overrides: Partial<RiskState> = {}): RiskState {
  return {
    now,
    tradingState: 'ACTIVE',
    buyGuard: { env: false, file: false, api: false },
    exchangeHealth: 'HEALTHY',
    quotes: { 'BTC/USD': quote('60000', '60001'), 'ETH/USD': quote('3000', '3000.1') },
    cash: dec('10000'),
    positions: [],
    openOrders: [],
    recentExits: [],
    recentOrderTimes: [],
    daily: { dayStart, startingEquity: dec('10000'), realizedPnl: ZERO, unrealizedPnlAtStart: ZERO },
    ...overrides,
  };
}

/** A buy of 0.01 BTC at 60 000 (600 USD, 6% of 10 000). */
export const entry: EntryRequest = { symbol: 'BTC/USD', amount: dec('0.01'), price: dec('60000') };

/** An ordinary exit of BTC/USD for the given reason. */
export function exitOf(reason: ExitRequest['reason'], symbol = 'BTC/USD'): ExitRequest {
  return { symbol, reason };
}

/** The default limits with some changed. */
export function limitsWith(overrides: Partial<RiskLimits> = {}): RiskLimits {
  return { ...defaultRiskLimits, ...overrides };
}

/** `count` positions on distinct symbols, each with a fresh quote, worth 100 USD apiece. */
export function manyPositions(
  count: number,
  flags: Partial<HeldPosition> = {},
): Pick<RiskState, 'positions' | 'quotes'> {
  const symbols = Array.from({ length: count }, (_, index) => `C${index}/USD`);
  return {
    positions: symbols.map((symbol) => position(symbol, '1', '100', flags)),
    quotes: {
      ...healthyState().quotes,
      ...Object.fromEntries(symbols.map((symbol) => [symbol, quote('100', '100.1')])),
    },
  };
}
