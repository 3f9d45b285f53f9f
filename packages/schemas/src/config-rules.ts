// The rules between configuration keys, and the value ranges the exit and entry rules assume beyond
// what one key's schema can say. parseConfig runs them after every key parsed, so every entry point
// (CLI start, tests, replay) refuses the same settings, and every broken rule is reported at once.
import { type Decimal, dec } from '@hookline/core';
import { LIVE_CONFIG_RULES } from './live-config-rules.js';

/** The parsed values by key name (a key whose own schema failed is absent). */
type ParsedValues = Readonly<Record<string, unknown>>;

/** One rule: the keys it reads (each shown with its value when broken) and what is wrong when it breaks. */
export interface ConfigRule {
  readonly keys: readonly string[];
  /** True when the values break the rule; only called when every key has a value. */
  readonly broken: (values: ParsedValues) => boolean;
  /** What is wrong, said to the operator. */
  readonly problem: string;
}

const HUNDRED = dec('100');
/** 100 % in basis points: a ladder step this deep would sell at a price of 0. */
const FULL_PRICE_BPS = 10_000;

function decimalOf(values: ParsedValues, key: string): Decimal {
  return dec(values[key] as string);
}

function notAboveZero(key: string) {
  return (values: ParsedValues) => !decimalOf(values, key).greaterThan(0);
}

function notBelowHundred(key: string) {
  return (values: ParsedValues) => !decimalOf(values, key).lessThan(HUNDRED);
}

function notBelow(smaller: string, larger: string) {
  return (values: ParsedValues) => !decimalOf(values, smaller).lessThan(decimalOf(values, larger));
}

// An exit's slippage cap: its orders are priced no lower than the reference bid × (1 − cap / 100).
function slippageCapRules(key: string): ConfigRule[] {
  return [
    {
      keys: [key],
      broken: notAboveZero(key),
      problem: 'must be above 0 (a cap of 0 allows no order below the bid at the exit start)',
    },
    {
      keys: [key],
      broken: notBelowHundred(key),
      problem: 'must be below 100 (a cap of 100 % or more would allow selling at a price of 0)',
    },
  ];
}

// The hard stop and the emergency flatten walk the same IOC ladder: its deepest step must lie within
// the cap, or that rung could never be sent at its price.
function ladderWithinCap(capKey: string): ConfigRule {
  return {
    keys: ['HOOKLINE_HARD_STOP_LADDER_BPS', capKey],
    broken: (values) => {
      const capBps = decimalOf(values, capKey).times(100);
      return (values.HOOKLINE_HARD_STOP_LADDER_BPS as readonly number[]).some((step) =>
        dec(step).greaterThan(capBps),
      );
    },
    problem:
      'every ladder step must lie within the cap (step in basis points ≤ cap × 100), otherwise a rung would be priced below the floor',
  };
}

/** The rules, in the order their problems are reported. */
export const CONFIG_RULES: readonly ConfigRule[] = [
  {
    keys: ['HOOKLINE_HARD_STOP_PCT'],
    broken: notAboveZero('HOOKLINE_HARD_STOP_PCT'),
    problem: 'must be above 0 (0 would sell every position the moment its bid is below cost)',
  },
  {
    keys: ['HOOKLINE_HARD_STOP_PCT'],
    broken: notBelowHundred('HOOKLINE_HARD_STOP_PCT'),
    problem:
      'must be below 100 (a loss of 100 % or more is never reached, so the hard stop would never fire)',
  },
  {
    keys: ['HOOKLINE_SOFT_STOP_PCT'],
    broken: notAboveZero('HOOKLINE_SOFT_STOP_PCT'),
    problem: 'must be above 0 (0 would sell every position the moment its bid is below cost)',
  },
  {
    keys: ['HOOKLINE_SOFT_STOP_PCT', 'HOOKLINE_HARD_STOP_PCT'],
    broken: notBelow('HOOKLINE_SOFT_STOP_PCT', 'HOOKLINE_HARD_STOP_PCT'),
    problem:
      'the soft stop must be strictly tighter (smaller) than the hard stop, otherwise the hard stop always fires first and the soft stop never does',
  },
  {
    keys: ['HOOKLINE_TRAILING_ACTIVATION_PCT'],
    broken: notAboveZero('HOOKLINE_TRAILING_ACTIVATION_PCT'),
    problem:
      'must be above 0 (0 would arm the trailing stop at entry, so take-profit and sell signals would never apply)',
  },
  {
    keys: ['HOOKLINE_TRAILING_ATR_MULTIPLIER'],
    broken: notAboveZero('HOOKLINE_TRAILING_ATR_MULTIPLIER'),
    problem: 'must be above 0 (the trailing distance is this × ATR, and its fallback divides by it)',
  },
  {
    keys: ['HOOKLINE_TRAILING_MIN_PCT'],
    broken: notAboveZero('HOOKLINE_TRAILING_MIN_PCT'),
    problem: 'must be above 0 (a stop at the peak itself would sell on the first tick down)',
  },
  {
    keys: ['HOOKLINE_TRAILING_MAX_PCT'],
    broken: notBelowHundred('HOOKLINE_TRAILING_MAX_PCT'),
    problem: 'must be below 100 (a stop 100 % below the peak is at a price of 0 and never fires)',
  },
  {
    keys: ['HOOKLINE_TRAILING_MIN_PCT', 'HOOKLINE_TRAILING_MAX_PCT'],
    broken: (values) =>
      decimalOf(values, 'HOOKLINE_TRAILING_MIN_PCT').greaterThan(
        decimalOf(values, 'HOOKLINE_TRAILING_MAX_PCT'),
      ),
    problem:
      'the trailing minimum must not exceed the trailing maximum (the distance is clamped between them)',
  },
  {
    keys: ['HOOKLINE_TRAILING_STEP_ATR'],
    broken: notAboveZero('HOOKLINE_TRAILING_STEP_ATR'),
    problem: 'must be above 0 (it is the smallest raise of the trailing stop, in ATRs)',
  },
  {
    keys: ['HOOKLINE_TRAILING_STEP_ATR', 'HOOKLINE_TRAILING_ATR_MULTIPLIER'],
    broken: notBelow('HOOKLINE_TRAILING_STEP_ATR', 'HOOKLINE_TRAILING_ATR_MULTIPLIER'),
    problem:
      'the step must be smaller than the trailing distance it moves (step × ATR < multiplier × ATR), otherwise the stop would hardly ever rise',
  },
  {
    keys: ['HOOKLINE_TAKE_PROFIT_PCT'],
    broken: notAboveZero('HOOKLINE_TAKE_PROFIT_PCT'),
    problem:
      'must be above 0 (0 would sell every position the moment its bid reaches cost); unset it to turn take-profit off',
  },
  {
    keys: ['HOOKLINE_TAKE_PROFIT_PCT', 'HOOKLINE_TRAILING_ACTIVATION_PCT'],
    broken: notBelow('HOOKLINE_TAKE_PROFIT_PCT', 'HOOKLINE_TRAILING_ACTIVATION_PCT'),
    problem:
      'take-profit must be below the trailing activation, because once trailing is armed take-profit is ignored and could never fire',
  },
  {
    keys: ['HOOKLINE_HARD_STOP_LADDER_BPS'],
    broken: (values) =>
      (values.HOOKLINE_HARD_STOP_LADDER_BPS as readonly number[]).some((step) => step >= FULL_PRICE_BPS),
    problem:
      'every step must be below 10000 basis points (a step of 100 % would offer at a price of 0 or less)',
  },
  {
    keys: ['HOOKLINE_HARD_STOP_LADDER_BPS'],
    broken: (values) =>
      (values.HOOKLINE_HARD_STOP_LADDER_BPS as readonly number[]).some(
        (step, index, steps) => index > 0 && step <= (steps[index - 1] ?? 0),
      ),
    problem: 'each step must go deeper than the one before (the ladder walks down from the bid)',
  },
  {
    keys: ['HOOKLINE_SENTINEL_LEASE_TTL_MS', 'HOOKLINE_SENTINEL_INTERVAL_MS'],
    broken: (values) =>
      (values.HOOKLINE_SENTINEL_LEASE_TTL_MS as number) <= (values.HOOKLINE_SENTINEL_INTERVAL_MS as number),
    problem:
      'the lease must outlast the sweep interval (it is renewed once per sweep), otherwise the leader loses it between sweeps',
  },
  {
    keys: ['HOOKLINE_ENTRY_SIZE_USD'],
    broken: notAboveZero('HOOKLINE_ENTRY_SIZE_USD'),
    problem: 'must be above 0 (an entry of 0 buys nothing)',
  },
  ...slippageCapRules('HOOKLINE_EXIT_MAX_SLIPPAGE_PCT_HARD_STOP'),
  ...slippageCapRules('HOOKLINE_EXIT_MAX_SLIPPAGE_PCT_EMERGENCY'),
  ...slippageCapRules('HOOKLINE_EXIT_MAX_SLIPPAGE_PCT'),
  ladderWithinCap('HOOKLINE_EXIT_MAX_SLIPPAGE_PCT_HARD_STOP'),
  ladderWithinCap('HOOKLINE_EXIT_MAX_SLIPPAGE_PCT_EMERGENCY'),
  {
    keys: ['HOOKLINE_RISK_MIN_MOMENTUM_24H_PCT', 'HOOKLINE_RISK_MAX_MOMENTUM_24H_PCT'],
    broken: (values) =>
      decimalOf(values, 'HOOKLINE_RISK_MIN_MOMENTUM_24H_PCT').greaterThan(
        decimalOf(values, 'HOOKLINE_RISK_MAX_MOMENTUM_24H_PCT'),
      ),
    problem:
      'the minimum 24 h change must not exceed the maximum, otherwise the momentum filter blocks every entry',
  },
  ...LIVE_CONFIG_RULES,
];

/** The problem of each broken rule, naming each key and its value; rules whose keys are not all set are skipped. */
export function brokenConfigRules(
  values: ParsedValues,
  rules: readonly ConfigRule[] = CONFIG_RULES,
): string[] {
  const problems: string[] = [];
  for (const rule of rules) {
    if (rule.keys.some((key) => values[key] === undefined)) continue;
    if (!rule.broken(values)) continue;
    const shown = rule.keys.map((key) => `${key}=${shownValue(values[key])}`).join(', ');
    problems.push(`${shown}: ${rule.problem}`);
  }
  return problems;
}

function shownValue(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}
