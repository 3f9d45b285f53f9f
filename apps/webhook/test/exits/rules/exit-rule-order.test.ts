import { describe, expect, it } from 'vitest';
import {
  decide,
  ENTRY,
  market,
  outcome,
  position,
  type Scenario,
  settings,
  signal,
  trailing,
} from './exit-fixtures.js';

// Average cost 100 throughout: hard stop at 95, soft stop at 97.5, trailing activation at 103.5.
const oneHour = 3_600_000;

describe('exit rules: each rule on its own', () => {
  it.each<[string, Scenario, string]>([
    ['the bid is 94.99 (P&L −5.01 %)', { market: market('94.99') }, 'EXIT HARD_STOP'],
    ['the bid is 95 (P&L exactly −5 %)', { market: market('95') }, 'EXIT HARD_STOP'],
    ['the bid is 95.01 (P&L −4.99 %)', { market: market('95.01') }, 'EXIT SOFT_STOP'],
    ['the bid is 97.5 (P&L exactly −2.5 %)', { market: market('97.5') }, 'EXIT SOFT_STOP'],
    ['the bid is 97.51 (P&L −2.49 %)', { market: market('97.51') }, 'HOLD'],
    ['the bid is 100 and nothing else is set', { market: market('100') }, 'HOLD'],
    [
      'the active stop is 108 and the bid 108',
      { state: trailing('110', '108'), market: market('108') },
      'EXIT TRAILING_STOP',
    ],
    [
      'the active stop is 108 and the bid 108.01',
      { state: trailing('110', '108'), market: market('108.01') },
      'HOLD',
    ],
    [
      'take-profit is 3 % and the bid 103',
      { market: market('103'), settings: settings({ takeProfitPct: '3' }) },
      'EXIT TAKE_PROFIT',
    ],
    [
      'take-profit is 3 % and the bid 102.99',
      { market: market('102.99'), settings: settings({ takeProfitPct: '3' }) },
      'HOLD',
    ],
    ['take-profit is off (the default) and the bid 103.4', { market: market('103.4') }, 'HOLD'],
    ['a fresh SELL at P&L 0', { market: market('100', { signal: signal('SELL') }) }, 'EXIT SIGNAL_EXIT'],
    ['a fresh SELL at P&L −0.01 %', { market: market('99.99', { signal: signal('SELL') }) }, 'HOLD'],
    [
      'a SELL exactly 900 000 ms old',
      { market: market('101', { signal: signal('SELL', 900_000) }) },
      'EXIT SIGNAL_EXIT',
    ],
    ['a SELL 900 001 ms old (stale)', { market: market('101', { signal: signal('SELL', 900_001) }) }, 'HOLD'],
    ['a fresh BUY in profit', { market: market('101', { signal: signal('BUY') }) }, 'HOLD'],
    ['a fresh HOLD in profit', { market: market('101', { signal: signal('HOLD') }) }, 'HOLD'],
    [
      'max hold is 1 h and the position is 1 h old',
      { market: market('100'), settings: settings({ maxHoldMs: oneHour }) },
      'HOLD',
    ],
    [
      'max hold is 1 h and the position is 1 h + 1 ms old',
      {
        position: position({ entryTimeMs: ENTRY - 1 }),
        market: market('100'),
        settings: settings({ maxHoldMs: oneHour }),
      },
      'EXIT TTL',
    ],
    [
      'max hold is off (the default) and the position is a year old',
      { position: position({ entryTimeMs: ENTRY - 365 * 24 * oneHour }), market: market('100') },
      'HOLD',
    ],
  ])('when %s then %s', (_name, scenario, expected) => {
    expect(outcome(decide(scenario))).toBe(expected);
  });
});

describe('exit rules: priority, the first rule that fires wins', () => {
  const everythingOn = settings({ takeProfitPct: '3', maxHoldMs: 1 });
  const sell = signal('SELL');

  it.each<[string, Scenario, string]>([
    ['hard and soft stop both fire', { market: market('94') }, 'EXIT HARD_STOP'],
    [
      'hard stop, an active trailing stop and TTL all fire',
      { state: trailing('110', '108'), market: market('94'), settings: everythingOn },
      'EXIT HARD_STOP',
    ],
    [
      'soft stop and an active trailing stop both fire',
      { state: trailing('110', '108'), market: market('97'), settings: everythingOn },
      'EXIT SOFT_STOP',
    ],
    [
      'soft stop, a fresh SELL and TTL all fire',
      { market: market('97', { signal: sell }), settings: everythingOn },
      'EXIT SOFT_STOP',
    ],
    [
      'the trailing stop and TTL both fire',
      { state: trailing('110', '108'), market: market('100'), settings: everythingOn },
      'EXIT TRAILING_STOP',
    ],
    [
      'take-profit and a fresh SELL both fire',
      { market: market('103', { signal: sell }), settings: everythingOn },
      'EXIT TAKE_PROFIT',
    ],
    [
      'a fresh SELL and TTL both fire',
      { market: market('101', { signal: sell }), settings: settings({ maxHoldMs: 1 }) },
      'EXIT SIGNAL_EXIT',
    ],
    [
      'a fresh SELL at a loss and TTL',
      { market: market('99', { signal: sell }), settings: settings({ maxHoldMs: 1 }) },
      'EXIT TTL',
    ],
  ])('when %s then %s', (_name, scenario, expected) => {
    expect(outcome(decide(scenario))).toBe(expected);
  });
});

describe('exit rules: while trailing is active, take-profit and signals are ignored', () => {
  const takeProfit = settings({ takeProfitPct: '3' });

  it.each<[string, Scenario, string]>([
    [
      'trailing is active, take-profit 3 % is reached',
      { state: trailing('110', '108'), market: market('109'), settings: takeProfit },
      'HOLD',
    ],
    [
      'trailing is active and a fresh SELL in profit',
      { state: trailing('110', '108'), market: market('109', { signal: signal('SELL') }) },
      'HOLD',
    ],
    [
      'trailing activates on this bid and take-profit 3 % is reached',
      { market: market('104'), settings: takeProfit },
      'HOLD',
    ],
    [
      'trailing activates on this bid and a fresh SELL',
      { market: market('104', { signal: signal('SELL') }) },
      'HOLD',
    ],
    [
      'trailing is not active yet, take-profit 3 % is reached',
      { market: market('103.4'), settings: takeProfit },
      'EXIT TAKE_PROFIT',
    ],
    [
      'trailing is active and TTL expired',
      { state: trailing('110', '108'), market: market('109'), settings: settings({ maxHoldMs: 1 }) },
      'EXIT TTL',
    ],
  ])('when %s then %s', (_name, scenario, expected) => {
    expect(outcome(decide(scenario))).toBe(expected);
  });
});
