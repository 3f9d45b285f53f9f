// The rules between exit and risk keys: each bad combination is refused naming its keys, values and
// what is wrong; the nearest good combination is accepted; several problems come back together.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/index.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

interface RuleRow {
  readonly rule: string;
  readonly bad: Record<string, string>;
  readonly message: string;
  readonly good: Record<string, string>;
}

const rows: readonly RuleRow[] = [
  {
    rule: 'hard stop above 0',
    bad: { HOOKLINE_HARD_STOP_PCT: '0' },
    message: 'HOOKLINE_HARD_STOP_PCT=0: must be above 0',
    good: { HOOKLINE_HARD_STOP_PCT: '0.2', HOOKLINE_SOFT_STOP_PCT: '0.1' },
  },
  {
    rule: 'hard stop below 100',
    bad: { HOOKLINE_HARD_STOP_PCT: '100' },
    message: 'HOOKLINE_HARD_STOP_PCT=100: must be below 100',
    good: { HOOKLINE_HARD_STOP_PCT: '99.9' },
  },
  {
    rule: 'soft stop above 0',
    bad: { HOOKLINE_SOFT_STOP_PCT: '0.0' },
    message: 'HOOKLINE_SOFT_STOP_PCT=0.0: must be above 0',
    good: { HOOKLINE_SOFT_STOP_PCT: '0.01' },
  },
  {
    rule: 'soft stop strictly tighter than hard stop (equal)',
    bad: { HOOKLINE_SOFT_STOP_PCT: '5', HOOKLINE_HARD_STOP_PCT: '5.0' },
    message:
      'HOOKLINE_SOFT_STOP_PCT=5, HOOKLINE_HARD_STOP_PCT=5.0: the soft stop must be strictly tighter (smaller) than the hard stop',
    good: { HOOKLINE_SOFT_STOP_PCT: '4.99', HOOKLINE_HARD_STOP_PCT: '5.0' },
  },
  {
    rule: 'soft stop strictly tighter than hard stop (beyond)',
    bad: { HOOKLINE_SOFT_STOP_PCT: '6', HOOKLINE_HARD_STOP_PCT: '5' },
    message:
      'HOOKLINE_SOFT_STOP_PCT=6, HOOKLINE_HARD_STOP_PCT=5: the soft stop must be strictly tighter (smaller) than the hard stop',
    good: { HOOKLINE_SOFT_STOP_PCT: '4', HOOKLINE_HARD_STOP_PCT: '5' },
  },
  {
    rule: 'trailing activation above 0',
    bad: { HOOKLINE_TRAILING_ACTIVATION_PCT: '0' },
    message: 'HOOKLINE_TRAILING_ACTIVATION_PCT=0: must be above 0',
    good: { HOOKLINE_TRAILING_ACTIVATION_PCT: '0.5' },
  },
  {
    rule: 'ATR multiplier above 0',
    bad: { HOOKLINE_TRAILING_ATR_MULTIPLIER: '0', HOOKLINE_TRAILING_STEP_ATR: '0.5' },
    message: 'HOOKLINE_TRAILING_ATR_MULTIPLIER=0: must be above 0',
    good: { HOOKLINE_TRAILING_ATR_MULTIPLIER: '0.6', HOOKLINE_TRAILING_STEP_ATR: '0.5' },
  },
  {
    rule: 'trailing minimum above 0',
    bad: { HOOKLINE_TRAILING_MIN_PCT: '0' },
    message: 'HOOKLINE_TRAILING_MIN_PCT=0: must be above 0',
    good: { HOOKLINE_TRAILING_MIN_PCT: '0.1' },
  },
  {
    rule: 'trailing maximum below 100',
    bad: { HOOKLINE_TRAILING_MAX_PCT: '100' },
    message: 'HOOKLINE_TRAILING_MAX_PCT=100: must be below 100',
    good: { HOOKLINE_TRAILING_MAX_PCT: '50' },
  },
  {
    rule: 'trailing minimum not above maximum',
    bad: { HOOKLINE_TRAILING_MIN_PCT: '3', HOOKLINE_TRAILING_MAX_PCT: '2' },
    message:
      'HOOKLINE_TRAILING_MIN_PCT=3, HOOKLINE_TRAILING_MAX_PCT=2: the trailing minimum must not exceed the trailing maximum',
    good: { HOOKLINE_TRAILING_MIN_PCT: '2', HOOKLINE_TRAILING_MAX_PCT: '2' },
  },
  {
    rule: 'trailing step above 0',
    bad: { HOOKLINE_TRAILING_STEP_ATR: '0' },
    message: 'HOOKLINE_TRAILING_STEP_ATR=0: must be above 0',
    good: { HOOKLINE_TRAILING_STEP_ATR: '0.01' },
  },
  {
    rule: 'trailing step smaller than its distance',
    bad: { HOOKLINE_TRAILING_STEP_ATR: '2', HOOKLINE_TRAILING_ATR_MULTIPLIER: '2' },
    message:
      'HOOKLINE_TRAILING_STEP_ATR=2, HOOKLINE_TRAILING_ATR_MULTIPLIER=2: the step must be smaller than the trailing distance it moves',
    good: { HOOKLINE_TRAILING_STEP_ATR: '1.99', HOOKLINE_TRAILING_ATR_MULTIPLIER: '2' },
  },
  {
    rule: 'take-profit above 0',
    bad: { HOOKLINE_TAKE_PROFIT_PCT: '0' },
    message: 'HOOKLINE_TAKE_PROFIT_PCT=0: must be above 0',
    good: { HOOKLINE_TAKE_PROFIT_PCT: '0.5' },
  },
  {
    rule: 'take-profit below trailing activation',
    bad: { HOOKLINE_TAKE_PROFIT_PCT: '3.5', HOOKLINE_TRAILING_ACTIVATION_PCT: '3.5' },
    message:
      'HOOKLINE_TAKE_PROFIT_PCT=3.5, HOOKLINE_TRAILING_ACTIVATION_PCT=3.5: take-profit must be below the trailing activation',
    good: { HOOKLINE_TAKE_PROFIT_PCT: '3', HOOKLINE_TRAILING_ACTIVATION_PCT: '3.5' },
  },
  {
    rule: 'ladder steps below 100 %',
    bad: { HOOKLINE_HARD_STOP_LADDER_BPS: '0,10000' },
    message: 'HOOKLINE_HARD_STOP_LADDER_BPS=0,10000: every step must be below 10000 basis points',
    good: {
      HOOKLINE_HARD_STOP_LADDER_BPS: '0,9999',
      HOOKLINE_EXIT_MAX_SLIPPAGE_PCT_HARD_STOP: '99.99',
      HOOKLINE_EXIT_MAX_SLIPPAGE_PCT_EMERGENCY: '99.99',
    },
  },
  {
    rule: 'ladder steps go deeper',
    bad: { HOOKLINE_HARD_STOP_LADDER_BPS: '0,10,10' },
    message: 'HOOKLINE_HARD_STOP_LADDER_BPS=0,10,10: each step must go deeper than the one before',
    good: { HOOKLINE_HARD_STOP_LADDER_BPS: '0,10,11' },
  },
  {
    rule: 'sentinel lease outlasts the sweep interval',
    bad: { HOOKLINE_SENTINEL_LEASE_TTL_MS: '3000', HOOKLINE_SENTINEL_INTERVAL_MS: '3000' },
    message:
      'HOOKLINE_SENTINEL_LEASE_TTL_MS=3000, HOOKLINE_SENTINEL_INTERVAL_MS=3000: the lease must outlast the sweep interval',
    good: { HOOKLINE_SENTINEL_LEASE_TTL_MS: '3001', HOOKLINE_SENTINEL_INTERVAL_MS: '3000' },
  },
  ...(
    ['HOOKLINE_EXIT_MAX_SLIPPAGE_PCT_HARD_STOP', 'HOOKLINE_EXIT_MAX_SLIPPAGE_PCT_EMERGENCY'] as const
  ).flatMap((key) => [
    {
      rule: `${key} above 0`,
      bad: { [key]: '0' },
      message: `${key}=0: must be above 0`,
      good: { [key]: '0.15' }, // the deepest default ladder step, 15 bps
    },
    {
      rule: `${key} below 100`,
      bad: { [key]: '100', HOOKLINE_HARD_STOP_LADDER_BPS: '0' },
      message: `${key}=100: must be below 100`,
      good: { [key]: '99.99', HOOKLINE_HARD_STOP_LADDER_BPS: '0' },
    },
    {
      rule: `every hard-stop ladder step within ${key}`,
      bad: { [key]: '0.1', HOOKLINE_HARD_STOP_LADDER_BPS: '0,5,11' },
      message: `HOOKLINE_HARD_STOP_LADDER_BPS=0,5,11, ${key}=0.1: every ladder step must lie within the cap`,
      good: { [key]: '0.11', HOOKLINE_HARD_STOP_LADDER_BPS: '0,5,11' },
    },
  ]),
  {
    rule: 'ordinary exits slippage cap above 0',
    bad: { HOOKLINE_EXIT_MAX_SLIPPAGE_PCT: '0.0' },
    message: 'HOOKLINE_EXIT_MAX_SLIPPAGE_PCT=0.0: must be above 0',
    good: { HOOKLINE_EXIT_MAX_SLIPPAGE_PCT: '0.01' },
  },
  {
    rule: 'ordinary exits slippage cap below 100',
    bad: { HOOKLINE_EXIT_MAX_SLIPPAGE_PCT: '150' },
    message: 'HOOKLINE_EXIT_MAX_SLIPPAGE_PCT=150: must be below 100',
    good: { HOOKLINE_EXIT_MAX_SLIPPAGE_PCT: '99.5' },
  },
  {
    rule: 'entry size above 0',
    bad: { HOOKLINE_ENTRY_SIZE_USD: '0.00' },
    message: 'HOOKLINE_ENTRY_SIZE_USD=0.00: must be above 0',
    good: { HOOKLINE_ENTRY_SIZE_USD: '0.01' },
  },
];

describe('rules between configuration keys', () => {
  it('when nothing is set then the defaults keep every rule', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it.each(rows)(
    'when $rule is broken then it is refused naming the keys, values and what is wrong',
    (row) => {
      const problems = problemsOf(row.bad);
      expect(problems.filter((problem) => problem.startsWith(row.message))).toHaveLength(1);
    },
  );

  it.each(rows)('when $rule is kept then the configuration is accepted', (row) => {
    expect(problemsOf(row.good)).toEqual([]);
  });

  it('when several rules are broken then every problem is reported in one ConfigError', () => {
    let caught: unknown;
    try {
      parseConfig({
        HOOKLINE_SOFT_STOP_PCT: '5',
        HOOKLINE_HARD_STOP_PCT: '4',
        HOOKLINE_TRAILING_MIN_PCT: '3',
        HOOKLINE_TRAILING_MAX_PCT: '2',
        HOOKLINE_TRAILING_ATR_MULTIPLIER: '0',
        HOOKLINE_TRAILING_STEP_ATR: '0.5',
        PORT: '99999',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.problems.map((problem) => problem.split(/[=:]/)[0])).toEqual([
      'PORT',
      'HOOKLINE_SOFT_STOP_PCT',
      'HOOKLINE_TRAILING_ATR_MULTIPLIER',
      'HOOKLINE_TRAILING_MIN_PCT',
      'HOOKLINE_TRAILING_STEP_ATR',
    ]);
    expect(error.message).toContain('invalid configuration (5 problems)');
    expect(error.message).toContain('HOOKLINE_SOFT_STOP_PCT=5, HOOKLINE_HARD_STOP_PCT=4');
  });

  it('when a key of a rule fails its own schema then only that key is reported, not the rule', () => {
    expect(problemsOf({ HOOKLINE_SOFT_STOP_PCT: 'two', HOOKLINE_HARD_STOP_PCT: '1' })).toEqual([
      'HOOKLINE_SOFT_STOP_PCT: expected a non-negative decimal such as 2.5, got "two"',
    ]);
  });
});
