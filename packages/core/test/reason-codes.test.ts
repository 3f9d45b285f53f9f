import { describe, expect, it } from 'vitest';
import { type ReasonCode, reasonCodeCatalog, reasonCodes } from '../src/index.js';
import { describeCode, isReasonCode } from '../src/reason-codes.js';

const catalogEntries = Object.entries(reasonCodeCatalog).flatMap(([area, codes]) =>
  Object.entries(codes).map(([code, description]) => ({ area, code, description })),
);

describe('reason code catalog', () => {
  it('when the catalog is flattened then no code appears in two areas', () => {
    const codes = catalogEntries.map((entry) => entry.code);

    expect(codes.filter((code, index) => codes.indexOf(code) !== index)).toEqual([]);
    expect(reasonCodes).toEqual(codes);
  });

  it('when every code is described then each has its own one-line sentence', () => {
    for (const code of reasonCodes) {
      const description = describeCode(code);
      expect(description, code).toMatch(/^[A-Z].*\.$/);
      expect(description, code).not.toContain('\n');
    }
    const descriptions = catalogEntries.map((entry) => entry.description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
  });

  it('when codes are written then they are SCREAMING_SNAKE_CASE, as stored in the database', () => {
    for (const code of reasonCodes) expect(code).toMatch(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/);
  });

  it.each<[string, ReasonCode[]]>([
    [
      'risk',
      [
        'TRADING_HALTED',
        'TRADING_REDUCING',
        'BUY_GUARD_ACTIVE',
        'DAILY_LOSS_LIMIT',
        'MAX_POSITION_SIZE',
        'MAX_OPEN_POSITIONS',
        'LOSS_STREAK_COOLDOWN',
        'SYMBOL_COOLDOWN',
        'STALE_MARKET_DATA',
        'PRICE_UNAVAILABLE',
        'CIRCUIT_OFFLINE',
        'ORDER_RATE_THROTTLED',
        'DUPLICATE_OPEN_ORDER',
        'RECONCILIATION_PENDING',
        'SPREAD_TOO_WIDE',
        'IMMEDIATE_LOSS_TOO_LARGE',
        'ALERT_TOO_OLD',
        'PRICE_DEVIATION',
        'EXIT_WORKING',
        'MOMENTUM_FILTER',
      ],
    ],
    [
      'exit',
      [
        'HARD_STOP',
        'SOFT_STOP',
        'TRAILING_STOP',
        'TAKE_PROFIT',
        'SIGNAL_EXIT',
        'TTL',
        'CAP_ENFORCEMENT',
        'MANUAL',
        'EMERGENCY',
        'USER_SELL',
        'USER_EXIT',
        'PROTECTIVE_STOP',
      ],
    ],
    [
      'exchange',
      [
        'TEMPORARY',
        'RATE_LIMITED',
        'INSUFFICIENT_FUNDS',
        'INVALID_ORDER',
        'INVALID_SYMBOL',
        'NOT_FOUND',
        'AUTH',
        'UNKNOWN_OUTCOME',
        'FATAL',
      ],
    ],
  ])('when the %s area is read then it holds exactly the documented codes', (area, expected) => {
    expect(Object.keys(reasonCodeCatalog[area as keyof typeof reasonCodeCatalog])).toEqual(expected);
  });

  it.each([
    ['HARD_STOP', true],
    ['CONFIG_INVALID', true],
    ['hard_stop', false],
    ['toString', false],
  ])('when asked whether "%s" is a code then the answer is %s', (text, expected) => {
    expect(isReasonCode(text)).toBe(expected);
  });
});
