import { z } from 'zod';
import type { ConfigKey } from './config-key.js';
import { envBoolean } from './env-types.js';

/** The venues whose private stream (fills, order updates, balances) is implemented: live mode works only there. */
export const LIVE_VENUES = ['coinbase', 'kraken'] as const;

/** The venues with a sandbox that HOOKLINE_SANDBOX can switch to (Kraken spot has none). */
export const SANDBOX_VENUES = ['coinbase'] as const;

/** The keys of going live: the explicit confirmation and the sandbox switch. */
export const LIVE_CONFIG_KEYS = {
  HOOKLINE_LIVE_CONFIRMED: {
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['yes', 'no'], { error: 'expected yes (or no)' }))
      .transform((value) => value === 'yes'),
    default: 'no',
    description:
      'MODE=live only: yes = the operator has read the live banner and confirms real orders (same as `start --confirm-live`); otherwise a live start prints the banner and exits 1.',
  },
  HOOKLINE_SANDBOX: {
    schema: envBoolean,
    default: 'false',
    description:
      "MODE=live only: true = use the venue's sandbox instead of the real account (Coinbase only; refused on venues without one).",
  },
} as const satisfies Record<string, ConfigKey>;
