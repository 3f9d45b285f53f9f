import { describe, expect, it } from 'vitest';
import { DecimalInterner, dec } from '../src/index.js';

describe('DecimalInterner', () => {
  it.each(['0', '57000', '0.00000001', '-12.5', '123456789012345678901234567890.123456789'])(
    'when %s is read twice then both reads are one Decimal equal to dec of it',
    (text) => {
      const interner = new DecimalInterner();
      const first = interner.of(text);

      expect(interner.of(text)).toBe(first);
      expect(first.equals(dec(text))).toBe(true);
      expect(first.toString()).toBe(dec(text).toString());
    },
  );

  it.each(['lots', '1,5', '', 'NaN'])(
    'when the text is %j then it throws as dec does and is not kept',
    (text) => {
      const interner = new DecimalInterner();

      expect(() => interner.of(text)).toThrow(/is not a decimal number/);
      expect(interner.size).toBe(0);
    },
  );

  it('when more texts than its limit are read then it starts over and still answers each one', () => {
    const interner = new DecimalInterner(3);
    for (const text of ['1', '2', '3', '4']) interner.of(text);

    expect(interner.size).toBe(1);
    expect(interner.of('2').toString()).toBe('2');
  });
});
