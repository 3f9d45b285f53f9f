import type { ConfigKey } from './config-key.js';
import { envDecimal, envInteger } from './env-types.js';

/**
 * The quote cache's keys (docs/architecture.md "Exchange adapter"): quotes come from the venue's
 * public ticker stream, REST fetchTicker is a bounded fallback, and a frozen feed is stale.
 */
export const QUOTE_CONFIG_KEYS = {
  HOOKLINE_QUOTE_FALLBACK_RPS: {
    // A decimal string like the other decimal keys; the quote cache takes Number() of it.
    schema: envDecimal.refine((value) => Number(value) > 0 && Number(value) <= 100, {
      error: 'expected requests per second above 0, at most 100',
    }),
    default: '1',
    description:
      'REST fetchTicker reads per second, across all symbols, when the ticker stream has no fresh quote (bursts of up to 5 s worth). More symbols than this per sweep are served their last streamed quote.',
  },
  HOOKLINE_QUOTE_STREAM_MAX_AGE_MS: {
    schema: envInteger(100, 600_000),
    default: '5000',
    description:
      'A streamed quote older than this is replaced by a REST read (within HOOKLINE_QUOTE_FALLBACK_RPS).',
  },
  HOOKLINE_QUOTE_FROZEN_AFTER_MS: {
    schema: envInteger(1_000, 86_400_000),
    default: '60000',
    description:
      'A symbol whose bid and ask have not changed and whose stream has been silent for longer than this is frozen: stale whatever its timestamps (entries BLOCKED STALE_MARKET_DATA, the sentinel marks it stale, a quote.frozen warning and hookline_quote_frozen).',
  },
} as const satisfies Record<string, ConfigKey>;
