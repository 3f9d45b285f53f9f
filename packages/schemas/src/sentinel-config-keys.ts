import { z } from 'zod';
import type { ConfigKey } from './config-key.js';
import { envBoolean, envDecimal, envInteger, envList } from './env-types.js';

/**
 * The exit sentinel's keys (docs/architecture.md "Exit sentinel" and "Position cap"); percentages are
 * of the average cost.
 */
export const SENTINEL_CONFIG_KEYS = {
  HOOKLINE_SENTINEL_INTERVAL_MS: {
    schema: envInteger(100, 600_000),
    default: '3000',
    description: 'How often the exit sentinel sweeps every open position of the account.',
  },
  HOOKLINE_SENTINEL_LEASE_TTL_MS: {
    schema: envInteger(1_000, 600_000),
    default: '10000',
    description:
      'The sentinel runs on one replica per account: the leader holds a Redis lease this long and renews it every sweep.',
  },
  HOOKLINE_HARD_STOP_PCT: {
    schema: envDecimal,
    default: '5',
    description:
      'HARD_STOP: P&L at or below −this % → emergency exit (IOC ladder, never below its slippage floor), even while REDUCING or HALTED.',
  },
  HOOKLINE_SOFT_STOP_PCT: {
    schema: envDecimal,
    default: '2.5',
    description: 'SOFT_STOP: P&L at or below −this % → LIMIT exit.',
  },
  HOOKLINE_TRAILING_ACTIVATION_PCT: {
    schema: envDecimal,
    default: '3.5',
    description:
      'TRAILING_STOP activates once P&L reaches +this %; from then on signals and take-profit are ignored.',
  },
  HOOKLINE_TRAILING_ATR_MULTIPLIER: {
    schema: envDecimal,
    default: '2',
    description: 'Trailing stop = peak − this × ATR (the distance clamped by the two keys below).',
  },
  HOOKLINE_TRAILING_MIN_PCT: {
    schema: envDecimal,
    default: '1',
    description: 'The trailing stop is at least this % of the peak below the peak.',
  },
  HOOKLINE_TRAILING_MAX_PCT: {
    schema: envDecimal,
    default: '2',
    description:
      'The trailing stop is at most this % of the peak below the peak (also the distance used while no fresh ATR is known).',
  },
  HOOKLINE_TRAILING_STEP_ATR: {
    schema: envDecimal,
    default: '0.5',
    description: 'The trailing stop is raised only, and only in steps of at least this × ATR.',
  },
  HOOKLINE_TAKE_PROFIT_PCT: {
    schema: envDecimal,
    description: 'TAKE_PROFIT: P&L at or above +this % → LIMIT exit. Unset = off.',
  },
  HOOKLINE_MAX_HOLD_MINUTES: {
    schema: envInteger(1, 5_256_000),
    description: 'TTL: a position held longer than this is sold. Unset = off.',
  },
  HOOKLINE_HODL_ASSETS: {
    schema: envList,
    default: '',
    description:
      'Base assets never sold automatically (comma-separated, e.g. BTC,ETH); a would-be stop on one is logged loudly.',
  },
  HOOKLINE_SIGNAL_MAX_AGE_MS: {
    schema: envInteger(1_000, 86_400_000),
    default: '900000',
    description:
      'A matrix row (signal and ATR) older than this is not used: no SIGNAL_EXIT, and trailing uses the widest distance.',
  },
  HOOKLINE_EXIT_TIMEOUT_MS: {
    schema: envInteger(1_000, 3_600_000),
    default: '30000',
    description:
      'An exit LIMIT not filled this long after it was sent is canceled and re-priced at the new bid.',
  },
  HOOKLINE_EXIT_REPRICE_ATTEMPTS: {
    schema: envInteger(1, 20),
    default: '3',
    description:
      'LIMIT exit attempts (first order + re-prices) before escalating to IOC at the bid, then IOC at the slippage floor.',
  },
  HOOKLINE_EXIT_PRICE_OFFSET_BPS: {
    schema: envInteger(0, 1_000),
    default: '1',
    description:
      'Exit LIMIT price = bid × (1 + this / 10 000): just above the bid, so it rests as the best ask.',
  },
  HOOKLINE_HARD_STOP_LADDER_BPS: {
    schema: envList.pipe(
      z
        .array(z.string().regex(/^\d+$/, { error: 'expected whole basis points such as 0,5,10,15' }))
        .min(1, { error: 'the ladder needs at least one step' })
        .transform((steps) => steps.map(Number)),
    ),
    default: '0,5,10,15',
    description:
      'HARD_STOP IOC ladder: one IOC sell at bid − each step (basis points), then IOC at the slippage floor for the rest.',
  },
  HOOKLINE_MAX_OPEN_POSITIONS: {
    schema: envInteger(1, 10_000),
    default: '8',
    description:
      'Position cap: entries stop at this many open positions, and the sentinel sells the smallest excess above it (dust and HODL excluded).',
  },
  HOOKLINE_POSITION_CAP_WAIT_MS: {
    schema: envInteger(0, 3_600_000),
    default: '10000',
    description: 'After a cap sell, how long to wait before re-reading the exchange (3 cycles, then HALT).',
  },
  HOOKLINE_EXIT_MAX_SLIPPAGE_PCT_HARD_STOP: {
    schema: envDecimal,
    default: '3',
    description:
      'HARD_STOP: no exit order is priced below the bid at the exit start × (1 − this %); below that the exit waits (EXIT_PRICE_CAPPED).',
  },
  HOOKLINE_EXIT_MAX_SLIPPAGE_PCT_EMERGENCY: {
    schema: envDecimal,
    default: '3',
    description:
      'EMERGENCY flatten: no exit order is priced below the bid at the exit start × (1 − this %); below that the exit waits.',
  },
  HOOKLINE_EXIT_MAX_SLIPPAGE_PCT: {
    schema: envDecimal,
    default: '1',
    description:
      'Every other exit: no exit order is priced below the bid at the exit start × (1 − this %); below that the exit waits.',
  },
  HOOKLINE_EXIT_ALLOW_MARKET: {
    schema: envBoolean,
    default: 'false',
    description:
      'true: an exit whose book is beyond its cap, or whose limit rungs are used up, sends MARKET orders (at most 3); false: it waits at the cap.',
  },
  HOOKLINE_PROTECTIVE_STOPS: {
    schema: z.enum(['auto', 'on', 'off']),
    default: 'auto',
    description:
      'Exchange-resident stop-limit sells at the hard-stop level for every open position: auto = where the venue takes them (paper, Coinbase, Kraken), on = required (start fails on a venue without them), off = the sentinel alone.',
  },
  HOOKLINE_PROTECTIVE_STOP_LIMIT_OFFSET_BPS: {
    schema: envInteger(0, 5_000),
    default: '50',
    description:
      'Protective stop limit price = its trigger (the hard-stop price) × (1 − this / 10 000), rounded down to the tick: how far below the trigger it may still sell.',
  },
  HOOKLINE_EMERGENCY_FILE: {
    schema: z.string().trim().min(1),
    description:
      'Path of the emergency liquidation file: when it appears (checked every sentinel interval) the service HALTs entries and flattens every position (EMERGENCY) once, then renames it to <path>.done with the outcome. Unset = no file switch.',
  },
} as const satisfies Record<string, ConfigKey>;
