// The HOOKLINE_RISK_* keys: the current limits are the defaults, and a bad value is refused with a
// message that says what was expected.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/index.js';

function problemOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  return '(accepted)';
}

describe('risk configuration keys', () => {
  it('when nothing is set then the limits the gate always had are the defaults', () => {
    expect(parseConfig({})).toMatchObject({
      HOOKLINE_RISK_ORDER_RATE_PER_MINUTE: 10,
      HOOKLINE_RISK_DAILY_LOSS_PCT: '3',
      HOOKLINE_RISK_MAX_POSITION_PCT: '10',
      HOOKLINE_RISK_LOSS_STREAK_COUNT: 5,
      HOOKLINE_RISK_LOSS_STREAK_COOLDOWN_MS: 3_600_000,
      HOOKLINE_RISK_SYMBOL_COOLDOWN_MS: 900_000,
      HOOKLINE_RISK_MAX_QUOTE_AGE_MS: 15_000,
      HOOKLINE_RISK_MIN_NOTIONAL_TOLERANCE_PCT: '10',
      HOOKLINE_ENTRY_RECONCILE_WAIT_MS: 60_000,
    });
    expect(parseConfig({}).HOOKLINE_RISK_DAILY_LOSS_AMOUNT).toBeUndefined();
  });

  it.each([
    ['HOOKLINE_RISK_DAILY_LOSS_PCT', '100'],
    ['HOOKLINE_RISK_DAILY_LOSS_PCT', '0.5'],
    ['HOOKLINE_RISK_DAILY_LOSS_PCT', '100.000'],
    ['HOOKLINE_RISK_MAX_POSITION_PCT', '099.5'],
    ['HOOKLINE_RISK_MIN_NOTIONAL_TOLERANCE_PCT', '0'],
    ['HOOKLINE_RISK_DAILY_LOSS_AMOUNT', '250.75'],
    ['HOOKLINE_RISK_ORDER_RATE_PER_MINUTE', '1'],
    ['HOOKLINE_RISK_SYMBOL_COOLDOWN_MS', '0'],
    ['HOOKLINE_ENTRY_RECONCILE_WAIT_MS', '0'],
  ])('when %s is %s then it is accepted', (key, value) => {
    expect(problemOf({ [key]: value })).toBe('(accepted)');
  });

  it.each([
    ['HOOKLINE_RISK_DAILY_LOSS_PCT', '0', 'expected a percentage above 0 and at most 100, got "0"'],
    ['HOOKLINE_RISK_DAILY_LOSS_PCT', '100.5', 'expected a percentage above 0 and at most 100, got "100.5"'],
    [
      'HOOKLINE_RISK_DAILY_LOSS_PCT',
      '100.0000000000000001',
      'expected a percentage above 0 and at most 100, got "100.0000000000000001"',
    ],
    ['HOOKLINE_RISK_MAX_POSITION_PCT', '1000', 'expected a percentage above 0 and at most 100'],
    ['HOOKLINE_RISK_MAX_POSITION_PCT', '-5', 'expected a percentage such as 2.5 (above 0 and at most 100)'],
    ['HOOKLINE_RISK_MAX_POSITION_PCT', '10%', 'expected a percentage such as 2.5'],
    ['HOOKLINE_RISK_MIN_NOTIONAL_TOLERANCE_PCT', '101', 'expected a percentage from 0 to 100'],
    ['HOOKLINE_RISK_DAILY_LOSS_AMOUNT', '0', 'expected an amount above 0'],
    ['HOOKLINE_RISK_DAILY_LOSS_AMOUNT', '1e3', 'expected a positive amount such as 250'],
    ['HOOKLINE_RISK_ORDER_RATE_PER_MINUTE', '0', 'HOOKLINE_RISK_ORDER_RATE_PER_MINUTE: Too small'],
    ['HOOKLINE_RISK_ORDER_RATE_PER_MINUTE', '2.5', 'expected a whole number'],
    ['HOOKLINE_RISK_LOSS_STREAK_COUNT', '0', 'HOOKLINE_RISK_LOSS_STREAK_COUNT: Too small'],
    ['HOOKLINE_RISK_MAX_QUOTE_AGE_MS', '10', 'HOOKLINE_RISK_MAX_QUOTE_AGE_MS: Too small'],
  ])('when %s is %s then it is refused with "%s"', (key, value, message) => {
    expect(problemOf({ [key]: value })).toContain(message);
  });
});
