import { dec, toFixedString } from '@hookline/core';
import { decimalInput, instantInput } from '../json-inputs.js';
import { type AccountValuation, countedPositions } from './account-valuation.js';
import type { RiskLimits } from './risk-limits.js';
import type { EntryRequest, RiskState } from './risk-state.js';
import { pass, type RuleResult, refuse } from './risk-verdict.js';

/** UTC midnight of the instant's day (the daily loss limit resets there). */
export function utcDayStart(instant: Date): Date {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
}

/**
 * Today's P&L (realized + change in unrealized since UTC midnight) at or below −limit% of the day's
 * starting equity, or at or below −dailyLossLimitAmount when that is set and tighter, refuses
 * entries; exactly at the limit refuses too (the limit is "reached"). A
 * baseline from another day, or a starting equity that is not positive, refuses as well: the loss
 * cannot be measured, and the gate fails closed.
 */
export function checkDailyLoss(
  state: RiskState,
  valuation: AccountValuation,
  limits: RiskLimits,
): RuleResult {
  const baseline = state.daily;
  const today = utcDayStart(state.now);
  const inputs = {
    dayStart: instantInput(today),
    baselineDayStart: instantInput(baseline.dayStart),
    startingEquity: decimalInput(baseline.startingEquity),
    realizedPnl: decimalInput(baseline.realizedPnl),
    unrealizedPnlAtStart: decimalInput(baseline.unrealizedPnlAtStart),
    dailyLossLimitPct: decimalInput(limits.dailyLossLimitPct),
  };
  if (baseline.dayStart.getTime() !== today.getTime()) {
    const message = `the daily baseline is for ${inputs.baselineDayStart}, not ${inputs.dayStart}: today's loss is unknown`;
    return refuse('DAILY_LOSS_LIMIT', message, inputs);
  }
  if (!baseline.startingEquity.greaterThan(0)) {
    return refuse(
      'DAILY_LOSS_LIMIT',
      "the day's starting equity is not positive: the limit cannot be computed",
      inputs,
    );
  }
  if (!valuation.known) return refuse('PRICE_UNAVAILABLE', 'equity is unknown', inputs);
  // dec() throws on NaN, so a corrupt figure refuses (INVALID_ARGUMENT) instead of comparing false.
  const dailyPnl = dec(
    dec(baseline.realizedPnl).plus(valuation.unrealizedPnl).minus(baseline.unrealizedPnlAtStart),
  );
  const percentLimit = dec(dec(baseline.startingEquity).times(limits.dailyLossLimitPct).dividedBy(100));
  const amountLimit =
    limits.dailyLossLimitAmount === undefined ? undefined : dec(limits.dailyLossLimitAmount);
  const byAmount = amountLimit?.lessThan(percentLimit) === true;
  const limitAmount = byAmount ? amountLimit : percentLimit;
  const measured = {
    ...inputs,
    dailyLossLimitAmount: amountLimit === undefined ? null : decimalInput(amountLimit),
    unrealizedPnl: decimalInput(valuation.unrealizedPnl),
    dailyPnl: decimalInput(dailyPnl),
    dailyLossLimit: decimalInput(limitAmount.negated()),
  };
  if (dailyPnl.lessThanOrEqualTo(limitAmount.negated())) {
    const percent = toFixedString(dailyPnl.times(100).dividedBy(baseline.startingEquity), 2);
    const limit = byAmount
      ? `−${measured.dailyLossLimitAmount}`
      : `−${measured.dailyLossLimitPct}% (${measured.dailyLossLimit})`;
    const message = `today's P&L ${measured.dailyPnl} (${percent}%) reached the daily loss limit ${limit}`;
    return refuse('DAILY_LOSS_LIMIT', message, measured);
  }
  return pass(measured);
}

/** The number of losing exits in a row, newest first (a break-even exit ends the streak), and the newest. */
export function lossStreak(state: RiskState): { count: number; lastLossAt: Date | undefined } {
  const newestFirst = [...state.recentExits].sort((a, b) => b.exitedAt.getTime() - a.exitedAt.getTime());
  let count = 0;
  for (const exit of newestFirst) {
    if (!exit.pnl.lessThan(0)) break;
    count += 1;
  }
  return { count, lastLossAt: count > 0 ? newestFirst[0]?.exitedAt : undefined };
}

/**
 * After lossStreakLength losing exits in a row, entries pause until cooldown after the last loss
 * (at exactly that instant they resume). The streak is not reset by the pause: one more loss right
 * after it starts a new pause, because nothing has shown the losing run is over.
 */
export function checkLossStreak(state: RiskState, limits: RiskLimits): RuleResult {
  const streak = lossStreak(state);
  const until =
    streak.lastLossAt === undefined
      ? undefined
      : new Date(streak.lastLossAt.getTime() + limits.lossStreakCooldownMs);
  const inputs = {
    consecutiveLosses: streak.count,
    lossStreakLength: limits.lossStreakLength,
    lastLossAt: instantInput(streak.lastLossAt),
    cooldownUntil: instantInput(until),
    now: instantInput(state.now),
  };
  // Comparisons are written so that a NaN limit or time refuses rather than lets through.
  const streakReached = !(streak.count < limits.lossStreakLength);
  if (streakReached && until !== undefined && !(state.now.getTime() >= until.getTime())) {
    const message = `${streak.count} losing exits in a row: entries pause until ${inputs.cooldownUntil}`;
    return refuse('LOSS_STREAK_COOLDOWN', message, inputs);
  }
  return pass(inputs);
}

/**
 * A new symbol may not take the account past maxOpenPositions. Counted: non-dust, non-HODL
 * positions and symbols with a working buy (a pending entry becomes a position, so eight open buys
 * must not let a ninth through). Adding to a symbol already held or pending opens nothing new.
 */
export function checkOpenPositions(state: RiskState, request: EntryRequest, limits: RiskLimits): RuleResult {
  const held = countedPositions(state.positions);
  const open = new Set(held.filter((position) => !position.hodl).map((position) => position.symbol));
  for (const order of state.openOrders) if (order.side === 'buy') open.add(order.symbol);
  const alreadyHeld = open.has(request.symbol) || held.some((position) => position.symbol === request.symbol);
  const inputs = {
    symbol: request.symbol,
    openSymbols: [...open].sort(),
    openPositions: open.size,
    maxOpenPositions: limits.maxOpenPositions,
    symbolAlreadyOpen: alreadyHeld,
  };
  if (!alreadyHeld && !(open.size < limits.maxOpenPositions)) {
    const message = `${open.size} positions are open (max ${limits.maxOpenPositions}): ${request.symbol} would be one more`;
    return refuse('MAX_OPEN_POSITIONS', message, inputs);
  }
  return pass(inputs);
}
