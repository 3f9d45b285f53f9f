import { type Decimal, HooklineError, isDecimal } from '@hookline/core';
import type { BacktestInput, BacktestTrade } from './types.js';

/** Throws a HooklineError naming the field (and the trade or point index) when the input is unusable. */
export function validateInput(input: BacktestInput): void {
  requirePositiveDecimal(input.initialEquity, 'initialEquity');
  if (!Number.isSafeInteger(input.timeframeMs) || input.timeframeMs <= 0) {
    fail('timeframeMs must be a positive whole number of ms', { timeframeMs: input.timeframeMs });
  }
  input.trades.forEach(validateTrade);
  let previous = Number.NEGATIVE_INFINITY;
  input.equityCurve.forEach((point, index) => {
    const time = requireDate(point.time, `equityCurve[${index}].time`);
    if (time <= previous) fail(`equityCurve[${index}].time is not after the point before it`, { index });
    requireDecimal(point.equity, `equityCurve[${index}].equity`);
    previous = time;
  });
  for (const [index, closes] of input.closes.entries()) {
    requirePositiveDecimal(closes.firstClose, `closes[${index}].firstClose (${closes.symbol})`);
    requireDecimal(closes.lastClose, `closes[${index}].lastClose (${closes.symbol})`);
  }
  const candles = input.equityCurve.length;
  if (typeof input.exposure === 'number') {
    if (!Number.isSafeInteger(input.exposure) || input.exposure < 0 || input.exposure > candles) {
      fail(`exposure must be a whole number of candles from 0 to ${candles}`, { exposure: input.exposure });
    }
  } else if (input.exposure.length !== candles) {
    fail(`exposure has ${input.exposure.length} flags for ${candles} equity points`);
  }
}

function validateTrade(trade: BacktestTrade, index: number): void {
  const where = `trades[${index}] (${trade.symbol})`;
  const entry = requireDate(trade.entryTime, `${where}.entryTime`);
  if (trade.exitTime !== null && requireDate(trade.exitTime, `${where}.exitTime`) < entry) {
    fail(`${where}.exitTime is before its entryTime`);
  }
  requireDecimal(trade.entryPrice, `${where}.entryPrice`);
  if (trade.exitPrice !== null) requireDecimal(trade.exitPrice, `${where}.exitPrice`);
  requireDecimal(trade.size, `${where}.size`);
  requireDecimal(trade.pnl, `${where}.pnl`);
  if (requireDecimal(trade.fees, `${where}.fees`).isNegative()) fail(`${where}.fees is negative`);
}

function requireDate(value: Date, name: string): number {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail(`${name} is not a valid Date`);
  return value.getTime();
}

function requireDecimal(value: Decimal, name: string): Decimal {
  if (!isDecimal(value) || !value.isFinite()) fail(`${name} is not a finite Decimal`);
  return value;
}

function requirePositiveDecimal(value: Decimal, name: string): void {
  if (!requireDecimal(value, name).greaterThan(0))
    fail(`${name} must be positive`, { [name]: String(value) });
}

function fail(message: string, context: Record<string, unknown> = {}): never {
  throw new HooklineError('INVALID_ARGUMENT', `backtest report: ${message}`, { context });
}
