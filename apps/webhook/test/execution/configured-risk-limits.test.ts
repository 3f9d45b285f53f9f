// Every risk limit is configuration: the HOOKLINE_RISK_* keys flow through entry-settings.ts into the
// risk gate and preflight, and a configured value changes the verdict where the default does not (or
// the other way round). One table, one row per key; the state is the fixtures' healthy account
// (10 000 USD, a 600 USD BTC entry) with only what the row's rule reads changed.
import { dec } from '@hookline/core';
import { parseConfig } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { preflightOptionsFromConfig, riskLimitsFromConfig } from '../../src/execution/entry-settings.js';
import { type EntryRequest, evaluateEntry, preflightOrder, type RiskState } from '../../src/rules/index.js';
import { balances, intent, market, summary } from '../rules/preflight/preflight-fixtures.js';
import { at, dayStart, entry, exitTrade, healthyState, now, quote } from '../rules/risk/risk-fixtures.js';

const minutes = (count: number): number => count * 60_000;
/** The default entry answering an alert with this price and time, received now. */
const alerted = (price: string, time: Date): EntryRequest => ({
  ...entry,
  alert: { price: dec(price), time, receivedAt: now },
});
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

function verdictUnder(
  env: Record<string, string>,
  state: Partial<RiskState>,
  request: EntryRequest = entry,
): string {
  const verdict = evaluateEntry(request, healthyState(state), riskLimitsFromConfig(parseConfig(env)));
  return verdict.allowed ? 'ALLOWED' : verdict.reason;
}

describe('configured risk limits reach the risk gate', () => {
  it.each<[string, Record<string, string>, Partial<RiskState>, string, string, EntryRequest?]>([
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
    [
      'the BTC spread is 20 bps, max spread 10 bps',
      { HOOKLINE_RISK_MAX_SPREAD_BPS: '10' },
      { quotes: { 'BTC/USD': quote('59940', '60060') } },
      'ALLOWED',
      'SPREAD_TOO_WIDE',
    ],
    [
      'the BTC spread is 60 bps, spread guard off',
      { HOOKLINE_RISK_MAX_SPREAD_BPS: '0' },
      { quotes: { 'BTC/USD': quote('59820', '60180') } },
      'SPREAD_TOO_WIDE',
      'ALLOWED',
      { ...entry, price: dec('60180') },
    ],
    [
      'a buy at 60 000 is worth 0.83 % less at the bid 59 500, max immediate loss 0.5 %',
      { HOOKLINE_RISK_MAX_IMMEDIATE_LOSS_PCT: '0.5' },
      { quotes: { 'BTC/USD': quote('59500', '59501') } },
      'ALLOWED',
      'IMMEDIATE_LOSS_TOO_LARGE',
    ],
    [
      'the alert is 90 s old at its receipt, max alert age 120 s',
      { HOOKLINE_RISK_MAX_ALERT_AGE_MS: '120000' },
      {},
      'ALERT_TOO_OLD',
      'ALLOWED',
      alerted('60000', at(-90_000)),
    ],
    [
      'the alert is an hour old, alert age guard off',
      { HOOKLINE_RISK_MAX_ALERT_AGE_MS: '0' },
      {},
      'ALERT_TOO_OLD',
      'ALLOWED',
      alerted('60000', at(-3_600_000)),
    ],
    [
      'the alert says 61 500 (2.5 % over the mid), max deviation 3 %',
      { HOOKLINE_RISK_MAX_PRICE_DEVIATION_PCT: '3' },
      {},
      'PRICE_DEVIATION',
      'ALLOWED',
      alerted('61500', now),
    ],
    [
      'the alert says 30 000 (half the mid), deviation guard off',
      { HOOKLINE_RISK_MAX_PRICE_DEVIATION_PCT: '0' },
      {},
      'PRICE_DEVIATION',
      'ALLOWED',
      alerted('30000', now),
    ],
  ])(
    'when %s then the default decides %s and the configured limit %s',
    (_, env, state, byDefault, configured, request = entry) => {
      expect(verdictUnder({}, state, request)).toBe(byDefault);
      expect(verdictUnder(env, state, request)).toBe(configured);
    },
  );

  // 10 coins at 1.00 is 10; the market's minimum notional is 11: reaching it is a 10 % bump.
  const abcUsd = market('ABC/USD', { tick: '0.01', step: '1', minAmount: '1', minNotional: '11' });
  it.each([
    'HOOKLINE_RISK_MAX_SPREAD_BPS=-1',
    'HOOKLINE_RISK_MAX_SPREAD_BPS=12.5',
    'HOOKLINE_RISK_MAX_IMMEDIATE_LOSS_PCT=0',
    'HOOKLINE_RISK_MAX_IMMEDIATE_LOSS_PCT=101',
    'HOOKLINE_RISK_MAX_ALERT_AGE_MS=-5',
    'HOOKLINE_RISK_MAX_PRICE_DEVIATION_PCT=abc',
  ])('when %s is configured then the configuration is refused naming the key', (setting) => {
    const [key = '', value = ''] = setting.split('=');
    expect(() => parseConfig({ [key]: value })).toThrow(key);
  });

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
