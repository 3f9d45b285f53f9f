import { describe, expect, it } from 'vitest';
import { parseLedgerCsvRecord } from '../src/index.js';

const valid = {
  time: '2024-02-29T23:30:00-07:00',
  account: '',
  symbol: 'btc/usd',
  side: 'BUY',
  quantity: '0.5',
  price: '61000.12',
  fee: '',
  fee_currency: '',
  trade_id: 't-1',
  order_id: '',
};

describe('ledger CSV records', () => {
  it('when a record is valid then defaults apply and the time keeps its instant', () => {
    const result = parseLedgerCsvRecord(valid);
    if (!result.ok) throw new Error(result.problems.join());
    expect(result.row).toMatchObject({
      account: 'default',
      symbol: 'BTC/USD',
      side: 'buy',
      feeCurrency: 'USD',
    });
    expect(result.row.executedAt.toISOString()).toBe('2024-03-01T06:30:00.000Z');
    expect(result.row.fee.toString()).toBe('0');
    expect(result.row.orderId).toBeNull();
  });

  it.each([
    [{ time: '2024-03-01 14:05' }, 'time: time must be ISO-8601 with an offset'],
    [{ time: '2024-03-01T14:05:00' }, 'time: time must be ISO-8601 with an offset'],
    [{ time: '2024-02-30T10:00:00Z' }, 'time: time is not a real date'],
    [{ symbol: 'BTCUSD' }, 'symbol: symbol must look like BTC/USD'],
    [{ side: 'long' }, 'side: side must be buy or sell'],
    [{ quantity: '-1' }, 'quantity: quantity must be a plain decimal number'],
    [{ quantity: '0' }, 'quantity: quantity must be greater than zero'],
    [{ price: '1e3' }, 'price: price must be a plain decimal number'],
    [{ fee: 'abc' }, 'fee: fee must be a plain decimal number'],
    [{ trade_id: '' }, 'trade_id: trade_id is required'],
  ])('when %o then the problem names the field', (change, problem) => {
    const result = parseLedgerCsvRecord({ ...valid, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toContain(problem);
  });

  it('when several fields are wrong then each is reported', () => {
    const result = parseLedgerCsvRecord({ ...valid, side: 'x', price: '' });
    expect(result.ok ? [] : result.problems.map((problem) => problem.split(':')[0])).toEqual([
      'side',
      'price',
    ]);
  });
});
