import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import {
  type EntryRequest,
  evaluateEntry,
  type RiskState,
  type RiskVerdict,
} from '../../../src/rules/index.js';
import {
  dayStart,
  entry,
  exitTrade,
  healthyState,
  limitsWith,
  manyPositions,
  openOrder,
  position,
} from './risk-fixtures.js';

const outcome = (verdict: RiskVerdict): string => (verdict.allowed ? 'ALLOWED' : verdict.reason);
const evaluate = (overrides: Partial<RiskState>, limits = limitsWith(), request: EntryRequest = entry) =>
  evaluateEntry(request, healthyState(overrides), limits);
const minutes = (count: number): number => count * 60_000;

describe('risk gate, entries: daily loss limit (3% of 10 000 = 300)', () => {
  const daily = (realizedPnl: string, unrealizedPnlAtStart = '0', startingEquity = '10000') => ({
    daily: {
      dayStart,
      startingEquity: dec(startingEquity),
      realizedPnl: dec(realizedPnl),
      unrealizedPnlAtStart: dec(unrealizedPnlAtStart),
    },
  });
  // ETH bought at 3 300, now bid 3 000: 300 unrealized loss.
  const ethDown300 = { positions: [position('ETH/USD', '1', '3300')] };

  it.each<[string, string, Partial<RiskState>]>([
    ['today lost 299.99 (realized)', 'ALLOWED', daily('-299.99')],
    ['today lost exactly 300 (the limit is reached)', 'DAILY_LOSS_LIMIT', daily('-300')],
    ['today lost 300.01', 'DAILY_LOSS_LIMIT', daily('-300.01')],
    [
      'an open position lost 300 since it was bought today',
      'DAILY_LOSS_LIMIT',
      { ...daily('0'), ...ethDown300 },
    ],
    [
      'a realized 400 loss is offset by a 150 recovery of the held position since midnight',
      'ALLOWED',
      { ...daily('-400', '-450'), ...ethDown300 },
    ],
    [
      'realized −40 and the held position fell from −200 to −300 since midnight',
      'ALLOWED',
      { ...daily('-40', '-200'), ...ethDown300 },
    ],
    [
      'realized −200 and the held position fell from 0 to −300 since midnight',
      'DAILY_LOSS_LIMIT',
      { ...daily('-200', '0'), ...ethDown300 },
    ],
    [
      'the baseline is from yesterday (not rolled over)',
      'DAILY_LOSS_LIMIT',
      { daily: { ...healthyState().daily, dayStart: new Date('2024-03-14T00:00:00Z') } },
    ],
    ["the day's starting equity is zero", 'DAILY_LOSS_LIMIT', daily('0', '0', '0')],
  ])('when %s then the entry is %s', (_name, expected, overrides) => {
    expect(outcome(evaluate(overrides))).toBe(expected);
  });

  it('when the limit is configured to 5% then a 300 loss is allowed', () => {
    expect(outcome(evaluate(daily('-300'), limitsWith({ dailyLossLimitPct: dec(5) })))).toBe('ALLOWED');
  });

  it('when the limit is reached then the inputs hold the P&L and the limit as decimal strings', () => {
    const verdict = evaluate({ ...daily('-100'), ...ethDown300 });

    expect(outcome(verdict)).toBe('DAILY_LOSS_LIMIT');
    expect(verdict.inputs.dailyLoss).toMatchObject({
      realizedPnl: '-100',
      unrealizedPnl: '-300',
      dailyPnl: '-400',
      dailyLossLimit: '-300',
    });
    if (!verdict.allowed) expect(verdict.message).toContain('-4.00%');
  });
});

describe('risk gate, entries: loss-streak cooldown (5 losses → 60 minutes)', () => {
  // Other symbols than BTC/USD, so the per-symbol cooldown stays out of the way.
  const losses = (count: number, lastAgoMs: number) =>
    Array.from({ length: count }, (_, index) => exitTrade(`L${index}/USD`, '-10', lastAgoMs + index * 1_000));

  it.each<[string, string, RiskState['recentExits']]>([
    ['4 losses in a row', 'ALLOWED', losses(4, minutes(1))],
    ['5 losses in a row, the last 59m59.999s ago', 'LOSS_STREAK_COOLDOWN', losses(5, minutes(60) - 1)],
    ['5 losses in a row, the last exactly 60 minutes ago', 'ALLOWED', losses(5, minutes(60))],
    ['6 losses in a row, the last a minute ago', 'LOSS_STREAK_COOLDOWN', losses(6, minutes(1))],
    [
      '5 losses then a win (the newest exit)',
      'ALLOWED',
      [exitTrade('W/USD', '5', 30_000), ...losses(5, minutes(1))],
    ],
    [
      '5 losses then a break-even exit (zero is not a loss)',
      'ALLOWED',
      [exitTrade('W/USD', '0', 30_000), ...losses(5, minutes(1))],
    ],
    ['5 losses given oldest first', 'LOSS_STREAK_COOLDOWN', losses(5, minutes(1)).reverse()],
    [
      'a win older than 5 newer losses',
      'LOSS_STREAK_COOLDOWN',
      [...losses(5, minutes(1)), exitTrade('W/USD', '5', minutes(30))],
    ],
  ])('when %s then the entry is %s', (_name, expected, recentExits) => {
    expect(outcome(evaluate({ recentExits }))).toBe(expected);
  });

  it('when the cooldown is on then the inputs say when it ends', () => {
    const verdict = evaluate({ recentExits: losses(5, minutes(10)) });

    expect(verdict.inputs.lossStreak).toMatchObject({
      consecutiveLosses: 5,
      cooldownUntil: '2024-03-15T12:50:00.000Z',
    });
  });
});

describe('risk gate, entries: max open positions (8, dust and HODL excluded)', () => {
  const small: EntryRequest = { symbol: 'BTC/USD', amount: dec('0.001'), price: dec('60000') };
  const eight = manyPositions(8);
  const withDust = {
    ...eight,
    positions: eight.positions.map((held, index) => ({ ...held, dust: index < 2 })),
  };

  it.each<[string, string, Partial<RiskState>, EntryRequest]>([
    ['7 positions are open', 'ALLOWED', manyPositions(7), small],
    ['8 positions are open and the entry is a new symbol', 'MAX_OPEN_POSITIONS', eight, small],
    [
      '8 positions are open and the entry adds to one of them',
      'ALLOWED',
      eight,
      { symbol: 'C3/USD', amount: dec('1'), price: dec('100') },
    ],
    ['8 positions are held but 2 are dust', 'ALLOWED', withDust, small],
    ['8 HODL positions are held', 'ALLOWED', manyPositions(8, { hodl: true }), small],
    [
      '7 positions are open and a buy is working on an 8th symbol',
      'MAX_OPEN_POSITIONS',
      { ...manyPositions(7), openOrders: [openOrder('ETH/USD', 'buy', '0.01', '2990')] },
      small,
    ],
    [
      '7 positions are open and a sell is working on one of them',
      'ALLOWED',
      { ...manyPositions(7), openOrders: [openOrder('C1/USD', 'sell', '1', '101')] },
      small,
    ],
  ])('when %s then the entry is %s', (_name, expected, overrides, request) => {
    expect(outcome(evaluate(overrides, limitsWith(), request))).toBe(expected);
  });

  it('when the cap is configured to 2 then a third symbol is refused', () => {
    expect(outcome(evaluate(manyPositions(2), limitsWith({ maxOpenPositions: 2 }), small))).toBe(
      'MAX_OPEN_POSITIONS',
    );
  });
});
