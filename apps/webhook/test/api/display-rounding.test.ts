import { dec, displayDecimal, forMarket } from '@hookline/core';
import { recordFills } from '@hookline/ledger-store';
import { describe, expect, it } from 'vitest';
import { FALLBACK_PRECISION, roundForDisplay, wantsExact } from '../../src/api/display-rounding.js';
import { READ_TOKEN, seedFill, useApiHarness } from './api-harness.js';

const btc = forMarket({ priceTick: dec('0.01'), amountStep: dec('0.00000001') });

describe('roundForDisplay', () => {
  it.each([
    [
      'a price at the tick',
      { symbol: 'BTC/USD', price: '50000.126' },
      { symbol: 'BTC/USD', price: '50000.13' },
    ],
    [
      'an amount at the step',
      { symbol: 'BTC/USD', size: '0.123456789' },
      { symbol: 'BTC/USD', size: '0.12345679' },
    ],
    [
      'money at cents, trailing zeros trimmed',
      { symbol: 'BTC/USD', pnl_usd: '12.3456789012345678901234567890' },
      { symbol: 'BTC/USD', pnl_usd: '12.35' },
    ],
    [
      'a percentage at hundredths',
      { symbol: 'BTC/USD', unrealized_pnl_pct: '19.8801' },
      { symbol: 'BTC/USD', unrealized_pnl_pct: '19.88' },
    ],
    [
      'a fee at 8 decimals',
      { symbol: 'BTC/USD', fee: '0.000012345678' },
      { symbol: 'BTC/USD', fee: '0.00001235' },
    ],
    ['null stays null', { symbol: 'BTC/USD', bid: null }, { symbol: 'BTC/USD', bid: null }],
    [
      'a field not named keeps its digits',
      { symbol: 'BTC/USD', id: '0.123456789' },
      { symbol: 'BTC/USD', id: '0.123456789' },
    ],
    [
      'a row without a symbol is left alone',
      { daily_loss_limit_pct: '2.123' },
      { daily_loss_limit_pct: '2.123' },
    ],
    [
      'rows in a page are rounded',
      { items: [{ symbol: 'BTC/USD', size: '1.000000001' }], next_before: null },
      { items: [{ symbol: 'BTC/USD', size: '1' }], next_before: null },
    ],
  ])('when %s then it is shown rounded', (_name, answer, shown) => {
    expect(roundForDisplay(answer, () => btc)).toEqual(shown);
  });

  it('when the market is unknown then price and amount fall back to 8 decimals', () => {
    expect(
      roundForDisplay(
        { symbol: 'X/USD', price: '1.123456789', size: '2.0000000001' },
        () => FALLBACK_PRECISION,
      ),
    ).toEqual({
      symbol: 'X/USD',
      price: '1.12345679',
      size: '2',
    });
  });

  it.each([
    ['/api/positions', false],
    ['/api/positions?exact=true', true],
    ['/api/positions?symbol=BTC/USD&exact=1', true],
    ['/api/positions?exact=false', false],
  ])('when the url is %s then exact is %s', (url, exact) => {
    expect(wantsExact({ url })).toBe(exact);
  });
});

describe('the read API with a real server', () => {
  const harness = useApiHarness();

  it('when a position has many digits then /api/positions answers them rounded to the market, and every digit with ?exact=true', async () => {
    const { app, database, venue } = await harness();
    await recordFills(database.prisma, [
      seedFill('t-digits', {
        price: dec('50000.123456789'),
        size: dec('0.0123456789'),
        fee: dec('0.5123456789'),
      }),
    ]);
    venue.quote('60000.004', '60000.01');
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const read = async (url: string) => {
      const response = await fetch(`${address}${url}`, {
        headers: { authorization: `Bearer ${READ_TOKEN}` },
      });
      expect(response.status).toBe(200);
      const [position] = ((await response.json()) as { items: Array<Record<string, string>> }).items;
      return position ?? {};
    };

    const exact = await read('/api/positions?exact=true');
    const rounded = await read('/api/positions');

    expect(exact.size).toBe('0.0123456789');
    expect(rounded.size).toBe('0.01234568');
    expect(exact.average_cost?.split('.')[1]?.length).toBeGreaterThan(2);
    expect(rounded.average_cost).toBe(displayDecimal(exact.average_cost ?? '', '0.01'));
    expect(rounded.cost_basis_usd).toBe(displayDecimal(exact.cost_basis_usd ?? '', '0.01'));
    expect(rounded.unrealized_pnl_usd).toBe(displayDecimal(exact.unrealized_pnl_usd ?? '', '0.01'));
    expect(rounded.unrealized_pnl_usd).toMatch(/^-?\d+(\.\d{1,2})?$/);
    expect(exact.unrealized_pnl_usd).not.toBe(rounded.unrealized_pnl_usd);
  });
});
