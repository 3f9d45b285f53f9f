import { z } from 'zod';
import type { ConfigKey } from './config-keys.js';
import { envInteger, envList } from './env-types.js';

/** sighook's keys: the symbol universe, candles and the matrix's freshness. */
export const SIGHOOK_CONFIG_KEYS = {
  HOOKLINE_SIGHOOK_SYMBOLS: {
    schema: envList.pipe(z.array(z.string().min(1)).min(1, { error: 'name at least one symbol' })),
    default: 'BTC/USD,ETH/USD,SOL/USD',
    description:
      'The symbol universe sighook computes the matrix for (comma-separated, e.g. BTC/USD,ETH/USD).',
  },
  HOOKLINE_SIGHOOK_TIMEFRAME: {
    schema: z.enum(['1m', '5m', '15m', '30m', '1h', '2h', '6h', '1d']),
    default: '1m',
    description: 'Candle length of the matrix (one signal_matrix row per symbol per closed candle).',
  },
  HOOKLINE_SIGHOOK_POLL_INTERVAL_MS: {
    schema: envInteger(1_000, 3_600_000),
    default: '10000',
    description:
      'How often sighook asks the exchange for new candles (only candles after the last one kept).',
  },
  HOOKLINE_SIGHOOK_HISTORY_CANDLES: {
    schema: envInteger(50, 5_000),
    default: '300',
    description: 'Candles loaded per symbol at start and kept in memory (enough to warm up every indicator).',
  },
  HOOKLINE_SIGHOOK_ENTRIES: {
    schema: z.enum(['on', 'off']),
    default: 'on',
    description: 'on = a BUY for a symbol without an open position becomes an entry alert (source sighook).',
  },
  HOOKLINE_MATRIX_MAX_AGE_MS: {
    schema: envInteger(1_000, 86_400_000),
    default: '900000',
    description: 'Readers (API, signals --json, entries) refuse a matrix row computed longer ago than this.',
  },
} as const satisfies Record<string, ConfigKey>;
