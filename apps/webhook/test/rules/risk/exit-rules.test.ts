import { dec, type ExitReason, reasonCodeCatalog } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { evaluateExit, exitRules, type RiskState, type RiskVerdict } from '../../../src/rules/index.js';
import {
  at,
  exitOf,
  exitTrade,
  healthyState,
  limitsWith,
  manyPositions,
  openOrder,
  quote,
} from './risk-fixtures.js';

const outcome = (verdict: RiskVerdict): string => (verdict.allowed ? 'ALLOWED' : verdict.reason);
const evaluate = (reason: ExitReason, overrides: Partial<RiskState> = {}) =>
  evaluateExit(exitOf(reason), healthyState(overrides), limitsWith());

const ordinaryExits: ExitReason[] = [
  'SOFT_STOP',
  'TRAILING_STOP',
  'TAKE_PROFIT',
  'SIGNAL_EXIT',
  'TTL',
  'CAP_ENFORCEMENT',
  'MANUAL',
  // The keeper places protective stops without the gate; were one asked, it is no emergency.
  'PROTECTIVE_STOP',
  'USER_SELL',
  'USER_EXIT',
];
const emergencyExits: ExitReason[] = ['HARD_STOP', 'EMERGENCY'];
const stale = { quotes: { 'BTC/USD': quote('60000', '60001', 15_001) } };
const frozen = { quotes: { 'BTC/USD': { ...quote('60000', '60001', 0), frozen: true } } };
const workingSell = { openOrders: [openOrder('BTC/USD', 'sell', '0.01', '60100')] };

describe('risk gate, exits: trading state', () => {
  it.each([...ordinaryExits, ...emergencyExits])(
    'when trading is REDUCING then a %s exit is allowed',
    (reason) => {
      expect(outcome(evaluate(reason, { tradingState: 'REDUCING' }))).toBe('ALLOWED');
    },
  );

  it.each(ordinaryExits)('when trading is HALTED then a %s exit is refused', (reason) => {
    expect(outcome(evaluate(reason, { tradingState: 'HALTED' }))).toBe('TRADING_HALTED');
  });

  it.each(emergencyExits)('when trading is HALTED then a %s exit is allowed', (reason) => {
    expect(outcome(evaluate(reason, { tradingState: 'HALTED' }))).toBe('ALLOWED');
  });
});

describe('risk gate, exits: circuit, market data and a working sell', () => {
  it.each<[string, ExitReason, string, Partial<RiskState>]>([
    ['the circuit is OFFLINE', 'SOFT_STOP', 'CIRCUIT_OFFLINE', { exchangeHealth: 'OFFLINE' }],
    [
      'the orders circuit is OFFLINE (the adapter lets one urgent probe through per sweep)',
      'HARD_STOP',
      'ALLOWED',
      { exchangeHealth: 'OFFLINE', orderCircuitHealth: 'OFFLINE' },
    ],
    [
      'the orders circuit is OFFLINE',
      'EMERGENCY',
      'ALLOWED',
      { exchangeHealth: 'OFFLINE', orderCircuitHealth: 'OFFLINE' },
    ],
    [
      'the orders circuit is OFFLINE',
      'TAKE_PROFIT',
      'CIRCUIT_OFFLINE',
      { exchangeHealth: 'OFFLINE', orderCircuitHealth: 'OFFLINE' },
    ],
    [
      'only the market data circuit is OFFLINE (a sell never waits for ticker reads)',
      'SOFT_STOP',
      'ALLOWED',
      { exchangeHealth: 'OFFLINE', orderCircuitHealth: 'HEALTHY' },
    ],
    ['the feed is frozen (fresh timestamps)', 'SOFT_STOP', 'STALE_MARKET_DATA', frozen],
    ['the feed is frozen (fresh timestamps)', 'HARD_STOP', 'ALLOWED', frozen],
    ['the circuit is DEGRADED', 'SOFT_STOP', 'ALLOWED', { exchangeHealth: 'DEGRADED' }],
    ['the quote is 15 001 ms old', 'SIGNAL_EXIT', 'STALE_MARKET_DATA', stale],
    ['the quote is 15 001 ms old', 'HARD_STOP', 'ALLOWED', stale],
    ['there is no quote', 'MANUAL', 'STALE_MARKET_DATA', { quotes: {} }],
    ['there is no quote', 'EMERGENCY', 'ALLOWED', { quotes: {} }],
    ['a sell on the symbol is already working', 'TRAILING_STOP', 'DUPLICATE_OPEN_ORDER', workingSell],
    ['a sell on the symbol is already working (it is cancelled first)', 'HARD_STOP', 'ALLOWED', workingSell],
    [
      'only a buy on the symbol is working',
      'SOFT_STOP',
      'ALLOWED',
      { openOrders: [openOrder('BTC/USD', 'buy', '0.01', '59000')] },
    ],
  ])('when %s then a %s exit is %s', (_name, reason, expected, overrides) => {
    expect(outcome(evaluate(reason, overrides))).toBe(expected);
  });

  it('when an emergency exit overrides stale data then the inputs record what was overridden', () => {
    const verdict = evaluate('HARD_STOP', stale);

    expect(verdict.inputs.marketData).toMatchObject({
      quoteAgeMs: 15_001,
      emergencyExit: true,
      overridden: 'STALE_MARKET_DATA',
    });
  });
});

describe('risk gate, exits: what never holds an exit back', () => {
  it('when the buy guard, loss limits, cooldowns, position cap and order rate would all refuse an entry then a SOFT_STOP exit is allowed', () => {
    const state: Partial<RiskState> = {
      ...manyPositions(9),
      buyGuard: { env: true, file: true, api: true },
      daily: { ...healthyState().daily, realizedPnl: dec('-5000') },
      recentExits: [
        exitTrade('BTC/USD', '-1', 1_000),
        ...Array.from({ length: 6 }, (_, index) => exitTrade('X/USD', '-1', 2_000 + index)),
      ],
      recentOrderTimes: Array.from({ length: 50 }, (_, index) => at(-index)),
    };

    const verdict = evaluate('SOFT_STOP', state);

    expect(outcome(verdict)).toBe('ALLOWED');
    expect(Object.keys(verdict.inputs)).toEqual(exitRules.map((rule) => rule.name));
  });
});

describe('risk gate, exits: precedence', () => {
  it.each<[string, ExitReason, string, Partial<RiskState>]>([
    [
      'HALTED and OFFLINE',
      'SOFT_STOP',
      'TRADING_HALTED',
      { tradingState: 'HALTED', exchangeHealth: 'OFFLINE' },
    ],
    ['HALTED and OFFLINE', 'HARD_STOP', 'ALLOWED', { tradingState: 'HALTED', exchangeHealth: 'OFFLINE' }],
    ['OFFLINE and stale data', 'SOFT_STOP', 'CIRCUIT_OFFLINE', { exchangeHealth: 'OFFLINE', ...stale }],
    ['stale data and a working sell', 'SOFT_STOP', 'STALE_MARKET_DATA', { ...stale, ...workingSell }],
  ])('when %s both apply then a %s exit gets %s', (_name, reason, expected, overrides) => {
    expect(outcome(evaluate(reason, overrides))).toBe(expected);
  });

  it('when every exit reason is listed then each is either ordinary or emergency in these tests', () => {
    expect([...ordinaryExits, ...emergencyExits].sort()).toEqual(Object.keys(reasonCodeCatalog.exit).sort());
  });
});
