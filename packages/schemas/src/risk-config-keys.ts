import { z } from 'zod';
import type { ConfigKey } from './config-key.js';
import { envInteger } from './env-types.js';

const decimalText = /^\d+(\.\d+)?$/;

/**
 * A percentage such as `3` or `2.5`, kept as text (callers make it a Decimal). The bounds are checked
 * on the text itself, not on a float, so `100.0000000000000001` is above 100 as it should be.
 */
function envPercent(range: { readonly zeroAllowed: boolean }) {
  const bounds = range.zeroAllowed ? 'from 0 to 100' : 'above 0 and at most 100';
  return z
    .string()
    .trim()
    .regex(decimalText, { error: `expected a percentage such as 2.5 (${bounds})` })
    .refine((text) => range.zeroAllowed || !isZero(text), { error: `expected a percentage ${bounds}` })
    .refine((text) => !isAboveHundred(text), { error: `expected a percentage ${bounds}` });
}

/** A positive amount such as `250` or `99.5` in the quote currency, kept as text. */
const envPositiveAmount = z
  .string()
  .trim()
  .regex(decimalText, { error: 'expected a positive amount such as 250' })
  .refine((text) => !isZero(text), { error: 'expected an amount above 0' });

/** A signed percentage such as `-5` or `2.5`, from −100 to 10000 (a 24 h change), kept as text. */
const envSignedPercent = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?$/, { error: 'expected a percentage such as -5 or 2.5' })
  .refine((text) => Number(text) >= -100 && Number(text) <= 10_000, {
    error: 'expected a percentage from -100 to 10000',
  });

function isZero(text: string): boolean {
  return /^0+(\.0+)?$/.test(text);
}

function isAboveHundred(text: string): boolean {
  const [whole = '', fraction = ''] = text.split('.');
  const units = whole.replace(/^0+(?=\d)/, '');
  if (units.length !== 3) return units.length > 3;
  return units > '100' || (units === '100' && !/^0*$/.test(fraction));
}

/**
 * The risk gate's limits (docs/architecture.md "Risk gate and preflight") and how long an entry waits
 * for the start-up reconciliation. Defaults are the limits the gate always had.
 */
export const RISK_CONFIG_KEYS = {
  HOOKLINE_RISK_ORDER_RATE_PER_MINUTE: {
    schema: envInteger(1, 10_000),
    default: '10',
    description:
      'Orders (entries and exits) per sliding minute before new entries are BLOCKED ORDER_RATE_THROTTLED.',
  },
  HOOKLINE_RISK_DAILY_LOSS_PCT: {
    schema: envPercent({ zeroAllowed: false }),
    default: '3',
    description:
      "Entries stop for the rest of the UTC day once the day's P&L reaches −this % of the day's starting equity (DAILY_LOSS_LIMIT).",
  },
  HOOKLINE_RISK_DAILY_LOSS_AMOUNT: {
    schema: envPositiveAmount,
    description:
      "Also stop entries once the day's loss reaches this amount in the quote currency; the tighter of the two limits applies. Unset = the percentage only.",
  },
  HOOKLINE_RISK_MAX_POSITION_PCT: {
    schema: envPercent({ zeroAllowed: false }),
    default: '10',
    description: 'One symbol may be worth at most this % of equity after an entry (MAX_POSITION_SIZE).',
  },
  HOOKLINE_RISK_LOSS_STREAK_COUNT: {
    schema: envInteger(1, 1_000),
    default: '5',
    description: 'This many losing exits in a row pause entries (LOSS_STREAK_COOLDOWN).',
  },
  HOOKLINE_RISK_LOSS_STREAK_COOLDOWN_MS: {
    schema: envInteger(0, 604_800_000),
    default: '3600000',
    description: 'How long entries pause after the last loss of a streak; 0 = no pause.',
  },
  HOOKLINE_RISK_SYMBOL_COOLDOWN_MS: {
    schema: envInteger(0, 604_800_000),
    default: '900000',
    description: 'A symbol is not re-entered this long after an exit on it (SYMBOL_COOLDOWN); 0 = off.',
  },
  HOOKLINE_RISK_MAX_QUOTE_AGE_MS: {
    schema: envInteger(100, 3_600_000),
    default: '15000',
    description:
      'A quote older than this blocks an entry (STALE_MARKET_DATA) and stops exit evaluation (STALE_DATA).',
  },
  HOOKLINE_RISK_MIN_NOTIONAL_TOLERANCE_PCT: {
    schema: envPercent({ zeroAllowed: true }),
    default: '10',
    description:
      "An order below the market's minimum value is raised to it when that adds at most this %; otherwise MIN_NOTIONAL_BUMP_TOO_LARGE. 0 = never raised (BELOW_MIN_NOTIONAL).",
  },
  HOOKLINE_RISK_MAX_SPREAD_BPS: {
    schema: envInteger(0, 10_000),
    default: '50',
    description:
      "An entry is BLOCKED SPREAD_TOO_WIDE when the symbol's spread (ask − bid over the mid) is wider than this many basis points; 0 = off.",
  },
  HOOKLINE_RISK_MAX_IMMEDIATE_LOSS_PCT: {
    schema: envPercent({ zeroAllowed: false }),
    default: '1',
    description:
      'An entry is BLOCKED IMMEDIATE_LOSS_TOO_LARGE when, bought at its limit price plus the fee reserve, it would at once be worth more than this % less at the bid. Never off (100 = no limit).',
  },
  HOOKLINE_RISK_MAX_ALERT_AGE_MS: {
    schema: envInteger(0, 86_400_000),
    default: '60000',
    description:
      "An entry is BLOCKED ALERT_TOO_OLD when the alert's own time is more than this before its receipt; an alert without a time passes. 0 = off.",
  },
  HOOKLINE_RISK_MAX_PRICE_DEVIATION_PCT: {
    schema: envPercent({ zeroAllowed: true }),
    default: '2',
    description:
      "An entry is BLOCKED PRICE_DEVIATION when the alert's price is more than this % from the market's mid; an alert without a price passes. 0 = off.",
  },
  HOOKLINE_ENTRY_RECONCILE_WAIT_MS: {
    schema: envInteger(0, 3_600_000),
    default: '60000',
    description:
      "After a start, an entry waits for the first reconciliation with the exchange at most this long from the alert's receipt, then is BLOCKED RECONCILIATION_PENDING.",
  },
  HOOKLINE_RISK_MIN_MOMENTUM_24H_PCT: {
    schema: envSignedPercent,
    description:
      "Momentum filter: an entry is BLOCKED MOMENTUM_FILTER when the symbol's 24 h price change (from the exchange's ticker) is below this % (e.g. -5 or 0); a ticker without a 24 h change blocks too. Unset = off.",
  },
  HOOKLINE_RISK_MAX_MOMENTUM_24H_PCT: {
    schema: envSignedPercent,
    description:
      "Momentum filter: an entry is BLOCKED MOMENTUM_FILTER when the symbol's 24 h price change is above this % (chasing a spike); a ticker without a 24 h change blocks too. Unset = off.",
  },
} as const satisfies Record<string, ConfigKey>;
