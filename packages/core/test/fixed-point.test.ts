// Core's plain-number forms of a Decimal (fixed point, scaled integers, the truncated quotient into
// fixed point) against decimal.js: every value read back, summed or divided must be the very value,
// in the same internal form, that decimal arithmetic gives; anything out of range must be refused.
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addFixed,
  type Decimal,
  dec,
  decimalFromFixed,
  decimalFromScaled,
  type FixedPoint,
  fixedFromScaled,
  isFixedZero,
  maxFixedDivisor,
  ProRata,
  readFixed,
  readScaled,
  type ScaledNumber,
  truncatedFixedQuotient,
  ZERO,
} from '../src/index.js';
import { anyDecimal, internals, shortDecimal } from './support/decimal-arbitraries.js';

const fixed = (): FixedPoint => ({ integer: 0, f1: 0, f2: 0, f3: 0 });
const x = fixed();
const y = fixed();
const sum = fixed();
const scaled: ScaledNumber = { integer: 0, scale: 0 };

// Values at every scale fixed point takes or refuses: up to 25 digits, 0 to 25 decimals.
const scaledDecimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 1n, max: 10n ** 25n }), fc.integer({ min: -3, max: 25 }))
  .map(([negative, digits, scale]) => dec(`${negative ? '-' : ''}${digits}e${-scale}`));
// Operands of a share as the ledger has them: sizes and fees with up to 16 digits.
const operand = (maxDigits: bigint) =>
  fc
    .tuple(fc.boolean(), fc.bigInt({ min: 1n, max: maxDigits }), fc.integer({ min: -2, max: 18 }))
    .map(([negative, digits, scale]) => dec(`${negative ? '-' : ''}${digits}e${-scale}`));
const value = fc.oneof(
  { weight: 4, arbitrary: scaledDecimal },
  { weight: 2, arbitrary: shortDecimal },
  { weight: 1, arbitrary: anyDecimal },
);

describe('fixed point', () => {
  it('when a decimal with at most 21 decimals is read then it makes the same decimal back, and anything else is refused', () => {
    fc.assert(
      fc.property(value, (v) => {
        const held = readFixed(v, x);
        const fits =
          !v.isZero() &&
          v.decimalPlaces() <= 21 &&
          v.abs().lessThan(2 ** 51) &&
          v.constructor === ZERO.constructor;
        expect(held).toBe(fits);
        if (held) expect(internals(decimalFromFixed(x))).toEqual(internals(v));
      }),
      { numRuns: 3000 },
    );
  });

  it('when two fixed-point values are added and subtracted then the results are decimal.js plus and minus', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        fc.pre(readFixed(a, x) && readFixed(b, y));
        for (const sign of [1, -1]) {
          const expected = sign > 0 ? a.plus(b) : a.minus(b);
          // A result beyond fixed point's integer limit is refused, for decimal arithmetic to make.
          if (!addFixed(sum, x, y, sign)) {
            expect(expected.abs().greaterThan(2 ** 51)).toBe(true);
            continue;
          }
          expect(isFixedZero(sum)).toBe(expected.isZero());
          // decimal.js's zero from non-zero operands is +0, and fixed point's zero is ZERO.
          expect(internals(decimalFromFixed(sum))).toEqual(internals(expected.isZero() ? ZERO : expected));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('when a scaled integer is written into fixed point then it is the decimal integer × 10^−scale', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 21 }),
        (units, scale) => {
          fixedFromScaled(x, units, scale);
          const expected = dec(`${units}e-${scale}`);
          expect(internals(decimalFromFixed(x))).toEqual(internals(expected.isZero() ? ZERO : expected));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('scaled integers', () => {
  it('when a decimal is read as a scaled integer then it makes the same magnitude back', () => {
    fc.assert(
      fc.property(value, (v) => {
        if (!readScaled(v, scaled)) return;
        expect(Number.isSafeInteger(scaled.integer)).toBe(true);
        expect(scaled.integer % 10 !== 0 || scaled.scale === 0).toBe(true);
        if (scaled.scale <= 21) {
          expect(internals(decimalFromScaled(scaled.integer, scaled.scale))).toEqual(internals(v.abs()));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('when a whole number is read then its scale is a positive zero', () => {
    expect(readScaled(dec('12.5e1'), scaled)).toBe(true);
    expect(scaled).toEqual({ integer: 125, scale: 0 });
    expect(Object.is(scaled.scale, 0)).toBe(true);
  });
});

describe('truncated quotient into fixed point', () => {
  it('when a total is shared by parts of a whole then every share is core ProRata', () => {
    const total = fixed();
    const quotient = (t: Decimal, part: Decimal, whole: Decimal): Decimal | undefined => {
      const read = (v: Decimal) => (readScaled(v, scaled) ? { ...scaled } : undefined);
      const [a, b, d] = [read(t), read(part), read(whole)];
      if (!a || !b || !d || d.integer > maxFixedDivisor) return undefined;
      const shift = d.scale - a.scale - b.scale;
      if (!truncatedFixedQuotient(total, a.integer, b.integer, d.integer, shift, t.isNegative(), 18))
        return undefined;
      return decimalFromFixed(total);
    };
    let divided = 0;
    fc.assert(
      fc.property(
        operand(10n ** 16n),
        operand(10n ** 16n),
        operand(10n ** 9n),
        (t, drawnPart, drawnWhole) => {
          const whole = drawnWhole.abs();
          const part = drawnPart.abs().greaterThan(whole) ? whole : drawnPart.abs();
          const share = quotient(t, part, whole);
          if (share === undefined) return;
          divided++;
          const expected = new ProRata(t, whole, 18).share(part);
          expect(internals(share)).toEqual(internals(expected.isZero() ? ZERO : expected));
        },
      ),
      { numRuns: 3000 },
    );
    // The property must have exercised the division, not only its refusals.
    expect(divided).toBeGreaterThan(300);
  });
});

describe('truncated quotient of a wide product', () => {
  it.each([
    ['123456789.012345', '0.98765432', '1.23456789'],
    ['-12345678.9012', '0.123456789012', '0.987654321'],
  ])(
    'when %s is shared by %s of %s (a product past 2^53) then the share is core ProRata',
    (t, part, whole) => {
      const total = fixed();
      const read = (v: string) => (readScaled(dec(v), scaled) ? { ...scaled } : scaled);
      const [a, b, d] = [read(t), read(part), read(whole)];
      expect(a.integer * b.integer).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
      const shift = d.scale - a.scale - b.scale;
      expect(
        truncatedFixedQuotient(total, a.integer, b.integer, d.integer, shift, t.startsWith('-'), 18),
      ).toBe(true);
      expect(internals(decimalFromFixed(total))).toEqual(
        internals(new ProRata(dec(t), dec(whole), 18).share(dec(part))),
      );
    },
  );
});

describe('times', () => {
  it('when two short decimals are multiplied then the product keeps its words as small integers', () => {
    // Why it matters: a Decimal whose words are doubles makes V8 turn the word arrays of every Decimal
    // read at the same place into double arrays. %HasSmiElements tells which form an array is in. It
    // runs in a fresh process: in one that other test files used, V8's feedback about arrays made
    // elsewhere can change the form of new ones, which is not what this checks.
    const core = pathToFileURL(fileURLToPath(new URL('../src/index.ts', import.meta.url))).href;
    const script = [
      `import { dec, times } from ${JSON.stringify(core)};`,
      "const product = times(dec('9999999.9999999'), dec('9999999.9999999'));",
      'console.log(product.toFixed(), %HasSmiElements(product.d));',
    ].join('\n');
    const run = spawnSync(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('99999999999998.00000000000001 true');
  });
});
