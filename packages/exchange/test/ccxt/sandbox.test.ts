// HOOKLINE_SANDBOX: Coinbase's REST goes to its Advanced Trade sandbox (ccxt 4.5 has no sandbox URL of its
// own for Coinbase); a venue without a sandbox is refused with a clear message, never traded for real.
import { SystemClock } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { restBaseOf } from '../../src/ccxt/ccxt-rest-base.js';
import { venueProfiles } from '../../src/ccxt/venue-profile.js';
import { CcxtExchange } from '../../src/index.js';

describe('the sandbox switch of the ccxt adapter', () => {
  it.each([
    { sandbox: false, rest: undefined, base: undefined },
    { sandbox: true, rest: undefined, base: 'https://api-sandbox.coinbase.com' },
    { sandbox: true, rest: 'http://127.0.0.1:9', base: 'http://127.0.0.1:9' },
  ])(
    'when Coinbase is opened with sandbox=$sandbox and REST override $rest then its REST base is $base',
    ({ sandbox, rest, base }) => {
      expect(
        restBaseOf(venueProfiles.coinbase, { sandbox, ...(rest === undefined ? {} : { urls: { rest } }) }),
      ).toBe(base);
    },
  );

  it.each(['kraken', 'binance'] as const)(
    'when %s is opened with sandbox then it is refused saying it has no sandbox',
    (venue) => {
      expect(() => new CcxtExchange({ venue, clock: new SystemClock(), sandbox: true })).toThrow(
        `${venue} has no sandbox: HOOKLINE_SANDBOX=true works on coinbase only`,
      );
    },
  );
});
