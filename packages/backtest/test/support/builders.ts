import { type Decimal, dec } from '@hookline/core';
import type { BacktestInput, BacktestTrade, EquityPoint } from '../../src/index.js';

export const HOUR_MS = 60 * 60 * 1000;
export const start = Date.parse('2024-01-01T00:00:00Z');

/** A trade with only what a test cares about set; the rest are plain fixed values. */
export function trade(pnl: string, overrides: Partial<BacktestTrade> = {}): BacktestTrade {
  return {
    symbol: 'BTC/USD',
    entryTime: new Date(start),
    exitTime: new Date(start + HOUR_MS),
    entryPrice: dec('100'),
    exitPrice: dec('101'),
    size: dec('1'),
    fees: dec('0'),
    pnl: dec(pnl),
    exitReason: 'TAKE_PROFIT',
    ...overrides,
  };
}

/** Equity points at the closes of consecutive candles: the first closes at start + timeframe. */
export function curve(equities: readonly string[], timeframeMs = HOUR_MS): EquityPoint[] {
  return equities.map((equity, index) => ({
    time: new Date(start + (index + 1) * timeframeMs),
    equity: dec(equity),
  }));
}

/** An input with no trades, a flat 1000 curve over `candles` hourly candles, and no exposure. */
export function input(overrides: Partial<BacktestInput> = {}): BacktestInput {
  return {
    trades: [],
    equityCurve: curve(['1000', '1000', '1000']),
    initialEquity: dec('1000'),
    closes: [{ symbol: 'BTC/USD', firstClose: dec('100'), lastClose: dec('100') }],
    timeframeMs: HOUR_MS,
    exposure: 0,
    ...overrides,
  };
}

/** The plain string of a Decimal or null, to compare exact values with toEqual. */
export function plain(value: Decimal | null): string | null {
  return value === null ? null : value.toFixed();
}
