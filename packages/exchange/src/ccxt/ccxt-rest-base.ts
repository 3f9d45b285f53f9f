import { HooklineError } from '@hookline/core';
import type { CcxtExchangeOptions } from './ccxt-exchange-options.js';
import type { VenueProfile } from './venue-profile.js';

/**
 * The REST base the ccxt client is given: EXCHANGE_REST_URL when set, else the venue's sandbox when
 * asked for (HOOKLINE_SANDBOX), else ccxt's default (undefined). A sandbox on a venue that has none is
 * refused: trading the real account instead would be the worst possible fallback.
 */
export function restBaseOf(
  profile: VenueProfile,
  options: Pick<CcxtExchangeOptions, 'sandbox' | 'urls'>,
): string | undefined {
  if (options.sandbox !== true) return options.urls?.rest;
  if (profile.sandboxRestUrl === undefined) {
    throw new HooklineError(
      'CONFIG_INVALID',
      `${profile.id} has no sandbox: HOOKLINE_SANDBOX=true works on coinbase only`,
    );
  }
  return options.urls?.rest ?? profile.sandboxRestUrl;
}
