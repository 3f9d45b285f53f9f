// The engine's fast decimal paths (decimal-ops, quotient, decimal-digits) must give exactly what
// decimal.js gives with core's settings: the same digits, exponent, sign and internal words.
import { type Decimal, dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/benchmark-fills.js';
import { decimalFromScaled } from '../src/decimal-digits.js';
import { compare, minus, plus, scaledNumberOf, times } from '../src/decimal-ops.js';
import { ProportionalFee } from '../src/proportional-fee.js';
import { divideDecimal } from '../src/quotient.js';

const random = seededRandom(20_240_601);
const digits = (count: number): string =>
  Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;

function anyDecimal(): Decimal {
  const roll = random();
  if (roll < 0.05) return dec(0);
  const sign = random() < 0.3 ? '-' : '';
  return dec(
    `${sign}${digits(1 + Math.floor(random() * (roll < 0.6 ? 12 : 40)))}e${Math.floor(random() * 40) - 30}`,
  );
}

// What a Decimal is made of: equal internals mean equal values in every later operation.
function internals(value: Decimal): unknown {
  const { s, e, d } = value as unknown as { s: number; e: number; d: number[] };
  return {
    text: value.toFixed(),
    s: value.isZero() ? 0 : s,
    e,
    d,
    ours: value.constructor === dec(0).constructor,
  };
}

describe('decimal fast paths', () => {
  it('when adding, subtracting, multiplying and comparing then the results are decimal.js results', () => {
    for (let index = 0; index < 20_000; index++) {
      const x = anyDecimal();
      const y = random() < 0.05 ? dec(x.toFixed()) : anyDecimal();
      expect(internals(times(x, y))).toEqual(internals(x.times(y)));
      expect(internals(plus(x, y))).toEqual(internals(x.plus(y)));
      expect(internals(minus(x, y))).toEqual(internals(x.minus(y)));
      expect(compare(x, y)).toBe(x.comparedTo(y));
    }
  });

  it('when dividing a fee by a size then the quotient is decimal.js at 60 digits, half even', () => {
    for (let index = 0; index < 20_000; index++) {
      const sign = random() < 0.2 ? '-' : '';
      const total = dec(`${sign}${digits(1 + Math.floor(random() * 15))}e-${Math.floor(random() * 12)}`);
      const whole = dec(
        `${random() < 0.1 ? pick(['1', '2', '3', '7', '16', '25', '999999999', '900000000']) : digits(1 + Math.floor(random() * 10))}e-${Math.floor(random() * 12)}`,
      );
      if (whole.isZero() || total.isZero()) continue;
      expect(internals(divideDecimal(total, whole))).toEqual(internals(total.dividedBy(whole)));
    }
  });

  it('when sharing a fee then the share is trunc(total × part / whole) at 18 places', () => {
    for (let index = 0; index < 20_000; index++) {
      const sign = random() < 0.2 ? '-' : '';
      const total = dec(`${sign}${digits(1 + Math.floor(random() * 14))}e-${Math.floor(random() * 12)}`);
      const whole = dec(`${digits(1 + Math.floor(random() * 10))}e-${Math.floor(random() * 12)}`);
      if (whole.isZero()) continue;
      const part =
        random() < 0.3
          ? whole
          : dec(`${digits(1 + Math.floor(random() * 10))}e-${Math.floor(random() * 14)}`);
      const expected = total.times(part).dividedBy(whole).toDecimalPlaces(18, 1);
      const fee = new ProportionalFee(total, whole);
      const share = fee.share(part);
      if (!total.isZero()) expect(internals(fee.perUnit)).toEqual(internals(total.dividedBy(whole)));
      expect(share.toFixed()).toBe(expected.toFixed());
      expect(internals(share)).toEqual(internals(dec(share.toFixed())));
    }
  });

  it('when building from digits or reading scaled integers then the values match parsing', () => {
    for (let index = 0; index < 20_000; index++) {
      const text = `${random() < 0.3 ? '-' : ''}${digits(1 + Math.floor(random() * 30))}`;
      const scale = Math.floor(random() * 25);
      expect(internals(decimalFromScaled(text, scale))).toEqual(internals(dec(`${text}e-${scale}`)));
      const value = anyDecimal();
      const scaled = scaledNumberOf(value);
      if (!scaled) continue;
      expect(internals(dec(`${scaled.integer}e-${scaled.scale}`))).toEqual(internals(value.abs()));
    }
  });
});
