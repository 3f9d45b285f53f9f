import { dec } from '@hookline/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preflightOrder } from '../../../src/rules/index.js';
import { balances, market } from './preflight-fixtures.js';

// Ticks and steps as real venues publish them: powers of ten, and halves/quarters of them.
const increment = fc
  .tuple(fc.integer({ min: -8, max: 2 }), fc.constantFrom('1', '5', '25'))
  .map(([exponent, digits]) => dec(digits).times(dec(10).pow(exponent)));

// Decimals with up to 12 places drawn as integers over a power of ten, so no float ever enters.
const decimal = (maxUnits: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: maxUnits }), fc.integer({ min: 0, max: 12 }))
    .map(([units, places]) => dec(units).dividedBy(dec(10).pow(places)));

const scenario = fc.record({
  tick: increment,
  step: increment,
  minSteps: fc.integer({ min: 0, max: 20 }),
  minNotional: decimal(2_000_000),
  side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
  amount: decimal(1_000_000_000),
  price: decimal(1_000_000_000),
  available: decimal(1_000_000_000),
  feePct: fc.constantFrom('0', '0.1', '0.6', '1.2'),
  tolerancePct: fc.constantFrom('0', '5', '10', '50'),
});

describe('preflight: properties', () => {
  it('when any intent meets any market then an order is on the tick and the step, above the minimums and within the available balance', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(scenario, (input) => {
        const rules = market('XYZ/USD', {
          tick: input.tick.toFixed(),
          step: input.step.toFixed(),
          minAmount: input.step.times(input.minSteps).toFixed(),
          minNotional: input.minNotional.toFixed(),
        });
        const currency = input.side === 'buy' ? 'USD' : 'XYZ';
        const held = balances([currency, input.available.toFixed(), input.available.times(3).toFixed()]);
        const options = { minNotionalBumpTolerancePct: dec(input.tolerancePct), feePct: dec(input.feePct) };

        const verdict = preflightOrder(
          { side: input.side, amount: input.amount, price: input.price },
          rules,
          held,
          options,
        );
        const kind = verdict.ok
          ? `ORDER ${input.side}${verdict.adjustments.length > 0 ? ' adjusted' : ''}`
          : verdict.reason;
        seen.set(kind, (seen.get(kind) ?? 0) + 1);

        if (verdict.ok) {
          expect(verdict.price.modulo(rules.priceTick).isZero()).toBe(true);
          expect(verdict.amount.modulo(rules.amountStep).isZero()).toBe(true);
          expect(verdict.amount.greaterThan(0)).toBe(true);
          expect(verdict.amount.greaterThanOrEqualTo(rules.minAmount)).toBe(true);
          expect(verdict.notional.greaterThanOrEqualTo(rules.minNotional)).toBe(true);
          expect(verdict.notional.equals(verdict.price.times(verdict.amount))).toBe(true);
          if (input.side === 'sell') {
            expect(verdict.amount.lessThanOrEqualTo(input.available)).toBe(true);
            expect(verdict.amount.lessThanOrEqualTo(input.amount)).toBe(true);
            expect(verdict.price.greaterThanOrEqualTo(input.price)).toBe(true);
          } else {
            const withFee = verdict.notional.times(dec(100).plus(input.feePct)).dividedBy(100);
            expect(withFee.lessThanOrEqualTo(input.available)).toBe(true);
            expect(verdict.price.lessThanOrEqualTo(input.price)).toBe(true);
          }
        } else if (verdict.dust) {
          expect(input.side).toBe('sell');
          expect(verdict.amount.lessThanOrEqualTo(input.available)).toBe(true);
        }
      }),
      { numRuns: 3_000 },
    );
    // The generator must reach every outcome, or the property above proves little.
    for (const kind of [
      'ORDER buy adjusted',
      'ORDER sell adjusted',
      'DUST',
      'INSUFFICIENT_BALANCE',
      'BELOW_MIN_SIZE',
    ]) {
      expect(seen.get(kind) ?? 0, `${kind} in ${JSON.stringify([...seen])}`).toBeGreaterThan(20);
    }
  });
});
