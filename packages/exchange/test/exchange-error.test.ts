import { type ExchangeErrorKind, HooklineError, reasonCodes } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { ExchangeError, isDefinitiveRejection, isExchangeError } from '../src/index.js';
import { exchangeErrorKinds, isRetryableRead } from '../src/port/exchange-error.js';

describe('ExchangeError', () => {
  it('when the kinds are listed then they are exactly the closed set of the architecture, all registered codes', () => {
    expect([...exchangeErrorKinds].sort()).toEqual([
      'AUTH',
      'FATAL',
      'INSUFFICIENT_FUNDS',
      'INVALID_ORDER',
      'INVALID_SYMBOL',
      'NOT_FOUND',
      'RATE_LIMITED',
      'TEMPORARY',
      'UNKNOWN_OUTCOME',
    ]);
    for (const kind of exchangeErrorKinds) expect(reasonCodes).toContain(kind);
  });

  it('when an adapter translates an error then kind, code, context and cause are kept and the message names the context', () => {
    const original = new Error('HTTP 200 {"success":false,"error_response":{"error":"INSUFFICIENT_FUND"}}');

    const error = new ExchangeError('INSUFFICIENT_FUNDS', 'Coinbase refused the order', {
      context: { side: 'buy', symbol: 'BTC/USD', amount: '0.1', price: '60000', clientOrderId: 'c-1' },
      cause: original,
    });

    expect(error).toBeInstanceOf(HooklineError);
    expect(error.kind).toBe('INSUFFICIENT_FUNDS');
    expect(error.code).toBe('INSUFFICIENT_FUNDS');
    expect(error.cause).toBe(original);
    expect(error.message).toContain('side=buy');
    expect(error.message).toContain('clientOrderId=c-1');
    expect(isExchangeError(error, 'INSUFFICIENT_FUNDS')).toBe(true);
    expect(isExchangeError(error, 'FATAL')).toBe(false);
    expect(isExchangeError(original)).toBe(false);
  });

  // Only a definitive answer rejects an order; everything else stays in flight (docs/architecture.md,
  // "What Hookline does").
  const table: ReadonlyArray<[ExchangeErrorKind, boolean, boolean]> = [
    // kind, definitive rejection of a create, retryable read
    ['TEMPORARY', false, true],
    ['RATE_LIMITED', false, true],
    ['INSUFFICIENT_FUNDS', true, false],
    ['INVALID_ORDER', true, false],
    ['INVALID_SYMBOL', true, false],
    ['NOT_FOUND', false, false],
    ['AUTH', true, false],
    ['UNKNOWN_OUTCOME', false, true],
    ['FATAL', false, false],
  ];

  it.each(table)(
    'when a %s error is classified then rejection=%s and retryable read=%s',
    (kind, rejects, retries) => {
      expect(isDefinitiveRejection(kind)).toBe(rejects);
      expect(isRetryableRead(kind)).toBe(retries);
    },
  );
});
