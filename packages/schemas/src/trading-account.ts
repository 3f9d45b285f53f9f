import type { Config } from './config.js';

/** The two kinds of account: simulated fills (paper) or real ones at the venue (live). */
export type AccountMode = 'paper' | 'live';

/**
 * The account this process trades: HOOKLINE_ACCOUNT when set, else the mode's own account (`paper` or
 * `live`), so paper history never lands in the account a live start reads. Every reader and writer of
 * account-scoped rows takes its account from here, never from HOOKLINE_ACCOUNT directly.
 */
export function tradingAccountOf(config: Pick<Config, 'MODE' | 'HOOKLINE_ACCOUNT'>): string {
  return config.HOOKLINE_ACCOUNT ?? config.MODE;
}

/**
 * Why an account recorded with one mode cannot be traded in the other, or undefined when it can
 * (same mode, or not recorded yet).
 */
export function accountModeConflict(
  account: string,
  recorded: AccountMode | undefined,
  wanted: AccountMode,
): string | undefined {
  if (recorded === undefined || recorded === wanted) return undefined;
  return (
    `account '${account}' is a ${recorded} account; ${wanted} mode needs a ${wanted} account: ` +
    `set HOOKLINE_ACCOUNT to another name (or leave it unset for the '${wanted}' account)`
  );
}
