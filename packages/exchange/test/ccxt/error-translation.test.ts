import { ExchangeNotAvailable } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { translateCcxtError } from '../../src/ccxt/ccxt-error-translation.js';
import { venueProfiles } from '../../src/ccxt/venue-profile.js';
import { errorRows } from './error-payloads.js';

const url = 'https://api.coinbase.com/api/v3/brokerage/accounts';

describe('translateCcxtError', () => {
  it.for(errorRows)('when $name then $kind', (row) => {
    const translated = translateCcxtError(row.error, {
      operation: row.operation,
      exchange: row.venue,
      parseRejection: venueProfiles[row.venue].parseRejection,
      context: { clientOrderId: 'client-1', side: 'buy', symbol: 'BTC/USD' },
    });

    expect(translated.kind).toBe(row.kind);
    expect(translated.cause).toBe(row.error);
    expect(translated.context).toMatchObject({
      operation: row.operation,
      exchange: row.venue,
      clientOrderId: 'client-1',
    });
    if (row.venueCode !== undefined) expect(translated.context.venueCode).toBe(row.venueCode);
  });

  it('when the body is an HTML page then the message keeps a short summary, not the whole page', () => {
    const translated = translateCcxtError(
      new ExchangeNotAvailable(
        `coinbase GET ${url} 503 Service Unavailable ${'<html><body>cloudflare</body></html>'.repeat(20)}`,
      ),
      {
        operation: 'fetchBalances',
        exchange: 'coinbase',
        parseRejection: venueProfiles.coinbase.parseRejection,
      },
    );

    expect(translated.message.length).toBeLessThan(400);
    expect(translated.context.httpStatus).toBe(503);
  });
});
