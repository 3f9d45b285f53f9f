import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { type EntryRequest, entryRules, evaluateEntry, type RiskState } from '../../../src/rules/index.js';
import {
  at,
  entry,
  exitTrade,
  healthyState,
  limitsWith,
  manyPositions,
  openOrder,
  quote,
} from './risk-fixtures.js';

// One violation per rule, each built so it does not trip any other rule on its own.
const violations = {
  halted: { tradingState: 'HALTED' },
  reducing: { tradingState: 'REDUCING' },
  buyGuard: { buyGuard: { env: false, file: true, api: false } },
  offline: { exchangeHealth: 'OFFLINE' },
  stale: { quotes: { ...healthyState().quotes, 'BTC/USD': quote('60000', '60001', 20_000) } },
  unpriced: {
    cash: dec('9000'),
    positions: [{ symbol: 'SOL/USD', amount: dec('1'), costBasis: dec('150'), dust: false, hodl: false }],
  },
  dailyLoss: { daily: { ...healthyState().daily, realizedPnl: dec('-500') } },
  lossStreak: {
    recentExits: Array.from({ length: 5 }, (_, index) => exitTrade(`L${index}/USD`, '-1', 60_000 + index)),
  },
  maxOpen: manyPositions(8),
  symbolCooldown: { recentExits: [exitTrade('BTC/USD', '10', 60_000)] },
  duplicate: { openOrders: [openOrder('BTC/USD', 'buy', '0.001', '59000')] },
  exitWorking: { exitingSymbols: ['BTC/USD'] },
  rate: { recentOrderTimes: Array.from({ length: 10 }, (_, index) => at(-1_000 * (index + 1))) },
} satisfies Record<string, Partial<RiskState>>;

const tooLarge: EntryRequest = { ...entry, amount: dec('0.05') };

function combine(...parts: Partial<RiskState>[]): RiskState {
  return healthyState(Object.assign({}, ...parts) as Partial<RiskState>);
}

describe('risk gate, entries: precedence (the first refusal wins)', () => {
  it('when the rules are listed then they run in the documented order', () => {
    expect(entryRules.map((rule) => rule.name)).toEqual([
      'tradingState',
      'buyGuard',
      'exchangeCircuit',
      'alertAge',
      'marketData',
      'prices',
      'spread',
      'priceDeviation',
      'immediateLoss',
      'momentum24h',
      'dailyLoss',
      'lossStreak',
      'openPositions',
      'positionSize',
      'symbolCooldown',
      'duplicateOrder',
      'exitWorking',
      'orderRate',
    ]);
  });

  it('when every rule would refuse then HALTED is the reason', () => {
    const { halted, buyGuard, offline, stale, unpriced, dailyLoss, lossStreak, maxOpen, rate } = violations;
    const state = combine(buyGuard, offline, stale, unpriced, dailyLoss, lossStreak, maxOpen, rate, halted);

    const verdict = evaluateEntry(tooLarge, state, limitsWith());

    expect(verdict.allowed ? 'ALLOWED' : verdict.reason).toBe('TRADING_HALTED');
    expect(Object.keys(verdict.inputs)).toEqual(['tradingState']);
  });

  // Each row holds two violations; the earlier rule must win. Adjacent pairs cover the whole order.
  it.each<[string, string, Partial<RiskState>[], EntryRequest?]>([
    ['REDUCING and the buy guard', 'TRADING_REDUCING', [violations.reducing, violations.buyGuard]],
    ['the buy guard and an OFFLINE circuit', 'BUY_GUARD_ACTIVE', [violations.buyGuard, violations.offline]],
    ['an OFFLINE circuit and stale data', 'CIRCUIT_OFFLINE', [violations.offline, violations.stale]],
    ['stale data and the daily loss limit', 'STALE_MARKET_DATA', [violations.stale, violations.dailyLoss]],
    ['stale data and an unpriced holding', 'STALE_MARKET_DATA', [violations.stale, violations.unpriced]],
    [
      'an unpriced holding and the daily loss limit',
      'PRICE_UNAVAILABLE',
      [violations.unpriced, violations.dailyLoss],
    ],
    [
      'the daily loss limit and a loss streak',
      'DAILY_LOSS_LIMIT',
      [violations.dailyLoss, violations.lossStreak],
    ],
    [
      'a loss streak and 8 open positions',
      'LOSS_STREAK_COOLDOWN',
      [violations.lossStreak, violations.maxOpen],
    ],
    ['8 open positions and a too large entry', 'MAX_OPEN_POSITIONS', [violations.maxOpen], tooLarge],
    ['a too large entry and the symbol cooldown', 'MAX_POSITION_SIZE', [violations.symbolCooldown], tooLarge],
    [
      'the symbol cooldown and a working buy',
      'SYMBOL_COOLDOWN',
      [violations.symbolCooldown, violations.duplicate],
    ],
    ['a working buy and the order rate', 'DUPLICATE_OPEN_ORDER', [violations.duplicate, violations.rate]],
    [
      'a working buy and a working exit',
      'DUPLICATE_OPEN_ORDER',
      [violations.duplicate, violations.exitWorking],
    ],
    ['a working exit and the order rate', 'EXIT_WORKING', [violations.exitWorking, violations.rate]],
    ['only the order rate', 'ORDER_RATE_THROTTLED', [violations.rate]],
  ])('when %s both apply then the reason is %s', (_name, expected, parts, request = entry) => {
    const verdict = evaluateEntry(request, combine(...parts), limitsWith());

    expect(verdict.allowed ? 'ALLOWED' : verdict.reason).toBe(expected);
  });

  it.each(Object.entries(violations))(
    'when only the %s violation is present then the entry is refused',
    (_name, part) => {
      expect(evaluateEntry(entry, combine(part), limitsWith()).allowed).toBe(false);
    },
  );
});
