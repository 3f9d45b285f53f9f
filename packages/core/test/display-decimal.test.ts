import { describe, expect, it } from 'vitest';
import { dec, displayDecimal, forMarket, MONEY_STEP } from '../src/index.js';

describe('displayDecimal', () => {
  it.each([
    ['a 30-digit pnl at cents', '12.345678901234567890123456789', '0.01', '12.35'],
    ['a half cent rounds away from zero', '2.345', '0.01', '2.35'],
    ['a negative half cent rounds away from zero', '-2.345', '0.01', '-2.35'],
    ['trailing zeros are trimmed', '2.50', '0.01', '2.5'],
    ['a whole number keeps no point', '60000.001', '0.01', '60000'],
    ['an amount at a satoshi step', '0.123456789123', '0.00000001', '0.12345679'],
    ['a price at a half-unit tick', '101.26', '0.5', '101.5'],
    ['a tiny negative never shows -0', '-0.001', '0.01', '0'],
    ['an exponent-sized value is written out', '1e-9', '0.00000001', '0'],
    ['a large value is written out', '1.5e21', '0.01', '1500000000000000000000'],
    ['a zero step leaves the digits', '1.23456789', '0', '1.23456789'],
  ])('when %s then %s at step %s shows as %s', (_name, value, step, shown) => {
    expect(displayDecimal(value, step)).toBe(shown);
  });

  it('when a market has increments then its display precision uses them, and cents for money', () => {
    const precision = forMarket({ priceTick: dec('0.01'), amountStep: dec('0.00000001') });
    expect(precision.price.toFixed()).toBe('0.01');
    expect(precision.amount.toFixed()).toBe('0.00000001');
    expect(precision.money).toBe(MONEY_STEP);
    expect(precision.percent.toFixed()).toBe('0.01');
  });
});
