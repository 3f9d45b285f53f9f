// How the protective stops are switched and priced (HOOKLINE_PROTECTIVE_STOPS and
// HOOKLINE_PROTECTIVE_STOP_LIMIT_OFFSET_BPS), and whether they run on a given venue.
import { HooklineError } from '@hookline/core';
import type { Config } from '@hookline/schemas';

/** auto: where the venue takes stop orders; on: required; off: the sentinel alone. */
export type ProtectiveStopMode = 'auto' | 'on' | 'off';

/** The protective stops' settings. */
export interface ProtectiveStopSettings {
  readonly mode: ProtectiveStopMode;
  /** The stop's limit = its trigger × (1 − this / 10 000), rounded down to the tick. */
  readonly limitOffsetBps: number;
}

/** The documented defaults. */
export const defaultProtectiveStopSettings: ProtectiveStopSettings = Object.freeze({
  mode: 'auto',
  limitOffsetBps: 50,
});

/** The settings from the validated configuration. */
export function protectiveStopSettingsFromConfig(config: Config): ProtectiveStopSettings {
  return {
    mode: config.HOOKLINE_PROTECTIVE_STOPS,
    limitOffsetBps: config.HOOKLINE_PROTECTIVE_STOP_LIMIT_OFFSET_BPS,
  };
}

/**
 * Whether the keeper runs: `auto` where the venue takes stop orders (the paper venue, Coinbase,
 * Kraken), `off` never, `on` always, refusing to start on a venue that takes none.
 */
export function protectiveStopsEnabled(
  settings: ProtectiveStopSettings | undefined,
  venue: { readonly name: string; readonly stopOrders: boolean },
): boolean {
  if (settings === undefined || settings.mode === 'off') return false;
  if (settings.mode === 'auto') return venue.stopOrders;
  if (!venue.stopOrders) {
    throw new HooklineError(
      'CONFIG_INVALID',
      `HOOKLINE_PROTECTIVE_STOPS=on, but the ${venue.name} venue takes no stop orders: use auto (the sentinel alone protects there) or off`,
      { context: { key: 'HOOKLINE_PROTECTIVE_STOPS', value: 'on', exchange: venue.name } },
    );
  }
  return true;
}
