import { dec } from '@hookline/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultExitRuleSettings } from '../../../src/exits/exit-settings.js';
import { decideExit } from '../../../src/exits/rules/decide-exit.js';
import type { ExitMarketView, TrailingState } from '../../../src/exits/rules/exit-types.js';
import { NOW, position } from './exit-fixtures.js';

const tickMs = 3_000;

// One sentinel tick: the bid moves by up to ±3 % of the cost (in cents, so no float enters), the
// ATR is missing, stale or any size, and now and then the quote is stale.
const tick = fc.record({
  moveCents: fc.integer({ min: -300, max: 300 }),
  atrCents: fc.option(fc.integer({ min: 0, max: 800 }), { nil: undefined }),
  atrStale: fc.boolean(),
  quoteStale: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

type Tick = typeof tick extends fc.Arbitrary<infer T> ? T : never;

const path = fc.record({
  ticks: fc.array(tick, { minLength: 1, maxLength: 60 }),
  hodl: fc.boolean(),
  stepAtr: fc.constantFrom('0', '0.5', '1'),
});

function marketAt(bidCents: number, step: Tick, nowMs: number): ExitMarketView {
  const bid = dec(bidCents).dividedBy(100);
  return {
    bid,
    ask: bid.plus('0.01'),
    quoteTimeMs: step.quoteStale ? nowMs - 15_001 : nowMs - 500,
    atr: step.atrCents === undefined ? undefined : dec(step.atrCents).dividedBy(100),
    atrTimeMs: step.atrStale ? nowMs - 900_001 : nowMs - 60_000,
    signal: undefined,
  };
}

function assertMonotone(before: TrailingState | undefined, after: TrailingState): void {
  if (before === undefined) return;
  expect(after.peakPrice.greaterThanOrEqualTo(before.peakPrice)).toBe(true);
  if (before.trailingActive) expect(after.trailingActive).toBe(true);
  if (before.trailingStop !== undefined) {
    expect(after.trailingStop?.greaterThanOrEqualTo(before.trailingStop)).toBe(true);
  }
}

describe('exit rules: properties over random price paths', () => {
  it('when any price path is followed then the peak never falls and the trailing stop never moves down', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(path, ({ ticks, hodl, stepAtr }) => {
        const held = position({ hodl });
        const settings = { ...defaultExitRuleSettings, trailingStepAtr: dec(stepAtr) };
        let state: TrailingState | undefined;
        let bidCents = 10_000;
        ticks.forEach((step, index) => {
          bidCents = Math.max(1, bidCents + step.moveCents);
          const nowMs = NOW + index * tickMs;
          const verdict = decideExit(held, state, marketAt(bidCents, step, nowMs), settings, nowMs);
          assertMonotone(state, verdict.state);
          if (!verdict.stateChanged && state !== undefined) expect(verdict.state).toEqual(state);
          if (verdict.state.trailingStop !== undefined) {
            expect(verdict.state.trailingStop.lessThan(verdict.state.peakPrice)).toBe(true);
          }
          if (hodl) expect(verdict.kind).not.toBe('EXIT');
          const kind = verdict.kind === 'EXIT' ? verdict.reason : verdict.kind;
          seen.set(kind, (seen.get(kind) ?? 0) + 1);
          state = verdict.state;
        });
      }),
      { numRuns: 300 },
    );
    // The property is only worth something if the paths reached the interesting states.
    expect([...seen.keys()]).toEqual(expect.arrayContaining(['HOLD', 'SKIP', 'TRAILING_STOP', 'HARD_STOP']));
  });
});
