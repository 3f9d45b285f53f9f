import { dec, ZERO } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import {
  type EntryRequest,
  evaluateEntry,
  type RiskState,
  type RiskVerdict,
} from '../../../src/rules/index.js';
import { entry, exitTrade, healthyState, limitsWith, openOrder, position, quote } from './risk-fixtures.js';

const outcome = (verdict: RiskVerdict): string => (verdict.allowed ? 'ALLOWED' : verdict.reason);
const evaluate = (overrides: Partial<RiskState>, limits = limitsWith(), request: EntryRequest = entry) =>
  evaluateEntry(request, healthyState(overrides), limits);
const minutes = (count: number): number => count * 60_000;

describe('risk gate, entries: max position size (10% of equity)', () => {
  const buy = (amount: string, price = '60000'): EntryRequest => ({
    symbol: 'BTC/USD',
    amount: dec(amount),
    price: dec(price),
  });
  const btcHeld = { cash: dec('9400'), positions: [position('BTC/USD', '0.01', '600')] };

  it.each<[string, string, Partial<RiskState>, EntryRequest]>([
    ['the entry is worth 600 of 10 000', 'ALLOWED', {}, buy('0.01')],
    ['the entry is worth exactly 1 000 (the limit)', 'ALLOWED', {}, buy('0.02', '50000')],
    ['the entry is worth 1 000.0005', 'MAX_POSITION_SIZE', {}, buy('0.02000001', '50000')],
    ['600 is held and the entry adds 600', 'MAX_POSITION_SIZE', btcHeld, buy('0.01')],
    ['600 is held and the entry adds 400', 'ALLOWED', btcHeld, buy('0.00666666', '60000')],
    [
      'a 600 market buy is working and the entry adds 600',
      'MAX_POSITION_SIZE',
      { openOrders: [openOrder('BTC/USD', 'buy', '0.01')] },
      buy('0.01'),
    ],
    [
      'equity includes held positions (5 000 cash + 3 000 ETH)',
      'ALLOWED',
      { cash: dec('5000'), positions: [position('ETH/USD', '1', '3000')] },
      buy('0.013', '60000'),
    ],
    [
      'equity is 8 000 and the entry is worth 840',
      'MAX_POSITION_SIZE',
      { cash: dec('5000'), positions: [position('ETH/USD', '1', '3000')] },
      buy('0.014', '60000'),
    ],
    ['the entry amount is zero', 'INVALID_ARGUMENT', {}, buy('0')],
    ['the entry price is negative', 'INVALID_ARGUMENT', {}, buy('0.01', '-1')],
  ])('when %s then the entry is %s', (_name, expected, overrides, request) => {
    expect(outcome(evaluate(overrides, limitsWith(), request))).toBe(expected);
  });

  it('when a 295 buy is working and the entry adds 600 then the size passes (895) and the duplicate rule refuses', () => {
    const verdict = evaluate(
      { openOrders: [openOrder('BTC/USD', 'buy', '0.005', '59000')] },
      limitsWith(),
      buy('0.01'),
    );

    expect(verdict.inputs.positionSize).toMatchObject({ pendingBuyValue: '295', projectedValue: '895' });
    expect(outcome(verdict)).toBe('DUPLICATE_OPEN_ORDER');
  });

  it('when the entry is refused then the inputs carry the most that could still be bought', () => {
    const verdict = evaluate(btcHeld, limitsWith(), buy('0.01'));

    expect(outcome(verdict)).toBe('MAX_POSITION_SIZE');
    expect(verdict.inputs.positionSize).toMatchObject({
      equity: '10000',
      heldValue: '600',
      projectedValue: '1200',
      maxPositionValue: '1000',
      maxAdditionalAmount: '0.006666666666666666',
    });
  });
});

describe('risk gate, entries: per-symbol cooldown (15 minutes after an exit)', () => {
  it.each<[string, string, RiskState['recentExits'], number]>([
    [
      'BTC/USD was exited 14m59.999s ago',
      'SYMBOL_COOLDOWN',
      [exitTrade('BTC/USD', '5', minutes(15) - 1)],
      minutes(15),
    ],
    [
      'BTC/USD was exited exactly 15 minutes ago',
      'ALLOWED',
      [exitTrade('BTC/USD', '5', minutes(15))],
      minutes(15),
    ],
    [
      'BTC/USD was exited an hour ago and again a minute ago',
      'SYMBOL_COOLDOWN',
      [exitTrade('BTC/USD', '5', minutes(60)), exitTrade('BTC/USD', '-1', minutes(1))],
      minutes(15),
    ],
    [
      'another symbol was exited a minute ago',
      'ALLOWED',
      [exitTrade('ETH/USD', '5', minutes(1))],
      minutes(15),
    ],
    [
      'the cooldown is configured to 0 and BTC/USD was exited a second ago',
      'ALLOWED',
      [exitTrade('BTC/USD', '5', 1_000)],
      0,
    ],
  ])('when %s then the entry is %s', (_name, expected, recentExits, symbolCooldownMs) => {
    expect(outcome(evaluate({ recentExits }, limitsWith({ symbolCooldownMs })))).toBe(expected);
  });
});

describe('risk gate, entries: duplicate open order', () => {
  it.each<[string, string, RiskState['openOrders']]>([
    ['a buy on BTC/USD is working', 'DUPLICATE_OPEN_ORDER', [openOrder('BTC/USD', 'buy', '0.001', '59000')]],
    [
      'only a sell on BTC/USD is working (another side)',
      'ALLOWED',
      [openOrder('BTC/USD', 'sell', '0.001', '61000')],
    ],
    ['a buy on ETH/USD is working (another symbol)', 'ALLOWED', [openOrder('ETH/USD', 'buy', '0.1', '2900')]],
  ])('when %s then the entry is %s', (_name, expected, openOrders) => {
    expect(outcome(evaluate({ openOrders }))).toBe(expected);
  });
});

describe('risk gate, entries: order rate throttle (10 per 60 s)', () => {
  const ordersAgo = (...agoMs: number[]) => agoMs.map((ago) => new Date(healthyState().now.getTime() - ago));
  const nineRecent = Array.from({ length: 9 }, (_, index) => 1_000 * (index + 1));

  it.each<[string, string, Date[]]>([
    ['9 orders were sent in the last minute', 'ALLOWED', ordersAgo(...nineRecent)],
    ['10 orders were sent in the last minute', 'THROTTLED', ordersAgo(...nineRecent, 59_999)],
    [
      'the 10th order is exactly 60 000 ms old (out of the window)',
      'ALLOWED',
      ordersAgo(...nineRecent, 60_000),
    ],
  ])('when %s then the entry is %s', (_name, expected, recentOrderTimes) => {
    const result = outcome(evaluate({ recentOrderTimes }));

    expect(result === 'ORDER_RATE_THROTTLED' ? 'THROTTLED' : result).toBe(expected);
  });
});

describe('risk gate, entries: the recorded inputs', () => {
  it('when an entry is allowed then every rule ran, in order, and the inputs survive JSON unchanged', () => {
    const verdict = evaluate({
      positions: [position('ETH/USD', '1', '3000')],
      quotes: { ...healthyState().quotes, 'ETH/USD': quote('3000', '3001') },
    });

    expect(verdict.allowed).toBe(true);
    expect(Object.keys(verdict.inputs)).toEqual([
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
    expect(JSON.parse(JSON.stringify(verdict.inputs))).toEqual(verdict.inputs);
  });

  it('when a rule refuses then the inputs stop at that rule', () => {
    const verdict = evaluate({
      exchangeHealth: 'OFFLINE',
      daily: { ...healthyState().daily, realizedPnl: ZERO },
    });

    expect(Object.keys(verdict.inputs)).toEqual(['tradingState', 'buyGuard', 'exchangeCircuit']);
  });
});

describe('risk gate, entries: an exit of the symbol working', () => {
  it.each<[string, string, RiskState['exitingSymbols']]>([
    ['an exit of BTC/USD is working', 'EXIT_WORKING', ['BTC/USD']],
    ['an exit of ETH/USD is working (another symbol)', 'ALLOWED', ['ETH/USD']],
    ['no exit is working', 'ALLOWED', []],
    ['the state does not say (no exits read)', 'ALLOWED', undefined],
  ])('when %s then the entry is %s', (_name, expected, exitingSymbols) => {
    const verdict = evaluate(exitingSymbols === undefined ? {} : { exitingSymbols });

    expect(outcome(verdict)).toBe(expected);
    expect(verdict.inputs.exitWorking).toEqual({
      symbol: 'BTC/USD',
      exitWorking: expected === 'EXIT_WORKING',
    });
  });
});
