import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatAmount,
  formatDecimal,
  formatPct,
  formatPnl,
  formatPrice,
  formatUsd,
  pnlClass,
  signOf,
} from '../src/format';

describe('formatDecimal', () => {
  it('when a decimal string is rounded then it rounds half away from zero on the text', () => {
    expect(formatDecimal('1.005', 2)).toBe('1.01');
    expect(formatDecimal('-1.005', 2)).toBe('-1.01');
    expect(formatDecimal('2.675', 2)).toBe('2.68');
    expect(formatDecimal('0.004', 2)).toBe('0.00');
  });

  it('when rounding carries through nines then the integer part grows', () => {
    expect(formatDecimal('999.995', 2)).toBe('1,000.00');
    expect(formatDecimal('9.9', 0)).toBe('10');
  });

  it('when a value is large then thousands are grouped', () => {
    expect(formatDecimal('1234567.891', 2)).toBe('1,234,567.89');
  });

  it('when a negative rounds to zero then no minus sign is shown', () => {
    expect(formatDecimal('-0.001', 2)).toBe('0.00');
  });

  it('when there is no value or no decimal then a dash or the text itself is shown', () => {
    expect(formatDecimal(null)).toBe('–');
    expect(formatDecimal('1e-7')).toBe('1e-7');
  });
});

describe('money and amounts', () => {
  it('when dollars are shown then the sign goes before the dollar sign', () => {
    expect(formatUsd('1234.5')).toBe('$1,234.50');
    expect(formatUsd('-12.345')).toBe('-$12.35');
  });

  it('when a P&L is shown then a gain gets a plus and zero gets none', () => {
    expect(formatPnl('12.5')).toBe('+$12.50');
    expect(formatPnl('-3')).toBe('-$3.00');
    expect(formatPnl('0.000')).toBe('$0.00');
    expect(pnlClass('12.5')).toBe('pos');
    expect(pnlClass('-0.01')).toBe('neg');
    expect(pnlClass('0')).toBe('');
  });

  it('when a percentage is shown then it carries its sign and two places', () => {
    expect(formatPct('1.234')).toBe('+1.23%');
    expect(formatPct('-0.5')).toBe('-0.50%');
    expect(formatPct('0.001')).toBe('0.00%');
  });

  it('when a price is below 1 then up to 8 places are kept without trailing zeros', () => {
    expect(formatPrice('97123.456')).toBe('97,123.46');
    expect(formatPrice('0.000123400')).toBe('0.0001234');
  });

  it('when an amount is shown then trailing zeros are dropped', () => {
    expect(formatAmount('0.50000000')).toBe('0.5');
    expect(formatAmount('2.000')).toBe('2');
  });

  it('when the sign of a decimal text is read then no float is involved', () => {
    expect(signOf('-0.0000000000000000001')).toBe(-1);
    expect(signOf('0.00')).toBe(0);
    expect(signOf('abc')).toBe(0);
  });
});

describe('formatAge', () => {
  it('when a duration is shown then it picks a short unit', () => {
    expect(formatAge(850)).toBe('850 ms');
    expect(formatAge(12_400)).toBe('12 s');
    expect(formatAge(240_000)).toBe('4 min');
    expect(formatAge(3 * 3_600_000)).toBe('3 h');
    expect(formatAge(null)).toBe('–');
  });
});
