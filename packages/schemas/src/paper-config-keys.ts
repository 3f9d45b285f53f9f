import { z } from 'zod';
import type { ConfigKey } from './config-key.js';
import { envInteger } from './env-types.js';

const CURRENCY = /^[A-Z][A-Z0-9]{1,9}$/;
const AMOUNT = /^\d+(\.\d+)?$/;

/**
 * `USD:10000,BTC:0.5` as currency → decimal string. Every bad entry is reported (not only the
 * first), a currency may appear once, and at least one entry is needed.
 */
export const envPaperBalances = z.string().transform((text, context): Readonly<Record<string, string>> => {
  const balances: Record<string, string> = {};
  const entries = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (entries.length === 0) {
    context.addIssue({ code: 'custom', message: 'expected at least one CURRENCY:AMOUNT, e.g. USD:10000' });
  }
  for (const entry of entries) {
    const [currency = '', amount = '', extra] = entry.split(':').map((part) => part.trim());
    const code = currency.toUpperCase();
    if (extra !== undefined || !CURRENCY.test(code) || !AMOUNT.test(amount)) {
      context.addIssue({
        code: 'custom',
        message: `expected CURRENCY:AMOUNT with a non-negative decimal amount (e.g. USD:10000), got "${entry}"`,
      });
      continue;
    }
    if (code in balances) {
      context.addIssue({ code: 'custom', message: `${code} is given twice` });
      continue;
    }
    balances[code] = amount;
  }
  return Object.freeze(balances);
});

/**
 * Paper mode's keys (docs/architecture.md "Paper exchange"): where its prices come from, the money a
 * new paper account starts with, and how long an order takes to reach the simulated venue.
 */
export const PAPER_CONFIG_KEYS = {
  HOOKLINE_PAPER_PRICES: {
    schema: z.enum(['live', 'simulated'], { error: 'expected live or simulated' }),
    default: 'live',
    description:
      "Paper mode's prices: live = the real public market data of EXCHANGE (ticker WebSocket, REST fallback, no keys; needs internet); simulated = the simulated market (offline), a seeded random walk with BTC near 60,000, for tests and offline use.",
  },
  HOOKLINE_PAPER_BALANCES: {
    schema: envPaperBalances,
    default: 'USD:100000',
    description:
      'Money of a NEW paper account, CURRENCY:AMOUNT pairs, e.g. USD:10000,BTC:0.5. A paper state file in DATA_DIR from an earlier run keeps its own balances (delete paper-exchange.json to start over).',
  },
  HOOKLINE_PAPER_LATENCY_MS: {
    schema: envInteger(0, 10_000),
    default: '250',
    description:
      'Paper mode: an order (or cancel) sent at t is matched against the book at t + this many ms, as a network round trip to the venue would be.',
  },
} as const satisfies Record<string, ConfigKey>;
