// Every risk limit is configuration: the HOOKLINE_RISK_* keys flow through entry-settings.ts into the
// risk gate and preflight, and a configured value changes the verdict where the default does not (or
// the other way round). One table, one row per key; the state is the fixtures' healthy account
// (10 000 USD, a 600 USD BTC entry) with only what the row's rule reads changed.
import { dec } from '@hookline/core';
import { parseConfig } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { preflightOptionsFromConfig, riskLimitsFromConfig } from '../../src/execution/entry-settings.js';
import { evaluateEntry, preflightOrder, type RiskState } from '../../src/rules/index.js';
import { balances, intent, market, summary } from '../rules/preflight/preflight-fixtures.js';
import { at, dayStart, entry, exitTrade, healthyState, quote } from '../rules/risk/risk-fixtures.js';

const minutes = (count: number): number => count * 60_000;
const losses = (count: number, lastAgoMs: number) =>
  Array.from({ length: count }, (_, index) => exitTrade('ETH/USD', '-10', lastAgoMs + index * 60_000));
const lostToday = (realized: string): Partial<RiskState> => ({
  daily: {
    dayStart,
    startingEquity: dec('10000'),
    realizedPnl: dec(realized),
    unrealizedPnlAtStart: dec('0'),
  },
});

function verdictUnder(env: Record<string, string>, state: Partial<RiskState>): string {
  const verdict = evaluateEntry(entry, healthyState(state), riskLimitsFromConfig(parseConfig(env)));
  return verdict.allowed ? 'ALLOWED' : verdict.reason;
}

describe('configured risk limits reach the risk gate', () => {
  it.each<[string, Record<string, string>, Partial<RiskState>, string, string]>([
    [
      'two orders in the last minute, order rate 2/min',
      { HOOKLINE_RISK_ORDER_RATE_PER_MINUTE: '2' },
      { recentOrderTimes: [at(-10_000), at(-20_000)] },
      'ALLOWED',
      'ORDER_RATE_THROTTLED',
    ],
    [
      'today lost 150 of 10 000, daily loss 1 %',
      { HOOKLINE_RISK_DAILY_LOSS_PCT: '1' },
      lostToday('-150'),
      'ALLOWED',
      'DAILY_LOSS_LIMIT',
    ],
    [
      'today lost 150, daily loss amount 100 (tighter than 3 % = 300)',
      { HOOKLINE_RISK_DAILY_LOSS_AMOUNT: '100' },
      lostToday('-150'),
      'ALLOWED',
      'DAILY_LOSS_LIMIT',
    ],
    [
      'today lost 300, daily loss amount 1000 (3 % = 300 is tighter and still applies)',
      { HOOKLINE_RISK_DAILY_LOSS_AMOUNT: '1000' },
      lostToday('-300'),
      'DAILY_LOSS_LIMIT',
      'DAILY_LOSS_LIMIT',
    ],
    [
      'a 6 % entry, max position 5 %',
      { HOOKLINE_RISK_MAX_POSITION_PCT: '5' },
      {},
      'ALLOWED',
      'MAX_POSITION_SIZE',
    ],
    [
      'three losing exits in a row, loss streak 3',
      { HOOKLINE_RISK_LOSS_STREAK_COUNT: '3' },
      { recentExits: losses(3, minutes(20)) },
      'ALLOWED',
      'LOSS_STREAK_COOLDOWN',
    ],
    [
      'five losses, the last 30 min ago, loss streak cooldown 20 min',
      { HOOKLINE_RISK_LOSS_STREAK_COOLDOWN_MS: String(minutes(20)) },
      { recentExits: losses(5, minutes(30)) },
      'LOSS_STREAK_COOLDOWN',
      'ALLOWED',
    ],
    [
      'BTC exited 10 min ago, symbol cooldown 5 min',
      { HOOKLINE_RISK_SYMBOL_COOLDOWN_MS: String(minutes(5)) },
      { recentExits: [exitTrade('BTC/USD', '25', minutes(10))] },
      'SYMBOL_COOLDOWN',
      'ALLOWED',
    ],
    [
      'the BTC quote is 20 s old, max quote age 30 s',
      { HOOKLINE_RISK_MAX_QUOTE_AGE_MS: '30000' },
      { quotes: { ...healthyState().quotes, 'BTC/USD': quote('60000', '60001', 20_000) } },
      'STALE_MARKET_DATA',
      'ALLOWED',
    ],
  ])(
    'when %s then the default decides %s and the configured limit %s',
    (_, env, state, byDefault, configured) => {
      expect(verdictUnder({}, state)).toBe(byDefault);
      expect(verdictUnder(env, state)).toBe(configured);
    },
  );

  // 10 coins at 1.00 is 10; the market's minimum notional is 11: reaching it is a 10 % bump.
  const abcUsd = market('ABC/USD', { tick: '0.01', step: '1', minAmount: '1', minNotional: '11' });
  it.each<[string, Record<string, string>, string]>([
    ['the default tolerance (10 %)', {}, 'ORDER 11@1'],
    [
      'a tolerance of 9.99 %',
      { HOOKLINE_RISK_MIN_NOTIONAL_TOLERANCE_PCT: '9.99' },
      'MIN_NOTIONAL_BUMP_TOO_LARGE',
    ],
    [
      'a tolerance of 0 (never raised)',
      { HOOKLINE_RISK_MIN_NOTIONAL_TOLERANCE_PCT: '0' },
      'BELOW_MIN_NOTIONAL',
    ],
  ])(
    'when a ten percent bump reaches the minimum notional under %s then preflight says %s',
    (_, env, expected) => {
      const options = preflightOptionsFromConfig(parseConfig(env));
      const verdict = preflightOrder(intent('buy', '10', '1'), abcUsd, balances(['USD', '1000']), options);
      expect(summary(verdict)).toBe(expected);
    },
  );
});
