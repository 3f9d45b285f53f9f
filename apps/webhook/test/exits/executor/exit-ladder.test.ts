import { type Decimal, dec, type ExitReason, ONE, reasonCodeCatalog } from '@hookline/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ExitLadderSettings,
  type ExitLadderStep,
  exitPriceFloor,
  MARKET_ATTEMPTS,
  planExitOrder,
} from '../../../src/exits/executor/exit-ladder.js';
import { defaultExitExecutionSettings } from '../../../src/exits/exit-settings.js';

// offset 1 bps, 3 LIMIT attempts, ladder 0/5/10/15 bps, caps hard stop 3 %, emergency 3 %, others 1 %
const defaults = defaultExitExecutionSettings;
const tick = dec('0.01');
const reference = dec('60000');
const allReasons = Object.keys(reasonCodeCatalog.exit) as ExitReason[];
const immediate = new Set<ExitReason>(['HARD_STOP', 'EMERGENCY']);

/** Caps of the tables: the defaults, tight ones (below the deepest ladder step) and distinct per kind. */
const caps = {
  default: defaults.maxSlippagePct,
  tight: { hardStop: dec('0.1'), emergency: dec('0.1'), other: dec('0.1') },
  distinct: { hardStop: dec('3'), emergency: dec('2'), other: dec('0.5') },
} as const;
type CapName = keyof typeof caps;

function settingsOf(cap: CapName, allowMarket: boolean): ExitLadderSettings {
  return { ...defaults, maxSlippagePct: caps[cap], allowMarket };
}

/** One step as the tables state it: "LIMIT GTC 60006", "IOC 58200 repeats", "HOLD 58200", "MARKET", "EXHAUSTED". */
function shown(step: ExitLadderStep): string {
  switch (step.kind) {
    case 'HOLD':
      return `HOLD ${step.floor}`;
    case 'EXHAUSTED':
      return 'EXHAUSTED';
    case 'ORDER':
      if (step.orderType === 'MARKET') return 'MARKET';
      return `${step.timeInForce === 'GTC' ? 'LIMIT GTC' : 'IOC'} ${step.price}${step.repeats ? ' repeats' : ''}`;
  }
}

function plan(
  reason: ExitReason,
  attempt: number,
  bid: string,
  cap: CapName,
  allowMarket: boolean,
): ExitLadderStep {
  return planExitOrder({
    reason,
    attempt,
    bid: dec(bid),
    reference,
    priceTick: tick,
    settings: settingsOf(cap, allowMarket),
  });
}

describe('exit ladder', () => {
  // Reference 60 000. Floors: 3 % → 58 200, 2 % → 58 800, 1 % → 59 400, 0.5 % → 59 700, 0.1 % → 59 940.
  // At the bid 60 000: +1 bps = 60 006; −5 bps = 59 970; −10 bps = 59 940; −15 bps = 59 910.
  it.each<[ExitReason, number, string, CapName, boolean, string]>([
    // ordinary exits at the reference: three LIMITs, one IOC at the bid, then the floor or MARKET
    ['SOFT_STOP', 0, '60000', 'default', false, 'LIMIT GTC 60006'],
    ['SOFT_STOP', 1, '60000', 'default', false, 'LIMIT GTC 60006'],
    ['TRAILING_STOP', 2, '60000', 'default', false, 'LIMIT GTC 60006'],
    ['TAKE_PROFIT', 3, '60000', 'default', false, 'IOC 60000'],
    ['SIGNAL_EXIT', 4, '60000', 'default', false, 'IOC 59400 repeats'],
    ['TTL', 40, '60000', 'default', false, 'IOC 59400 repeats'],
    ['SIGNAL_EXIT', 4, '60000', 'default', true, 'MARKET'],
    ['TTL', 4 + MARKET_ATTEMPTS - 1, '60000', 'default', true, 'MARKET'],
    ['TTL', 4 + MARKET_ATTEMPTS, '60000', 'default', true, 'EXHAUSTED'],
    ['CAP_ENFORCEMENT', 4, '60000', 'distinct', false, 'IOC 59700 repeats'],
    ['MANUAL', 4, '60000', 'tight', false, 'IOC 59940 repeats'],
    // the hard stop and the emergency flatten: IOC down the ladder, then the floor or MARKET
    ['HARD_STOP', 0, '60000', 'default', false, 'IOC 60000'],
    ['HARD_STOP', 1, '60000', 'default', false, 'IOC 59970'],
    ['HARD_STOP', 2, '60000', 'default', false, 'IOC 59940'],
    ['HARD_STOP', 3, '60000', 'default', false, 'IOC 59910'],
    ['HARD_STOP', 4, '60000', 'default', false, 'IOC 58200 repeats'],
    ['HARD_STOP', 4, '60000', 'default', true, 'MARKET'],
    ['HARD_STOP', 4 + MARKET_ATTEMPTS, '60000', 'default', true, 'EXHAUSTED'],
    ['EMERGENCY', 1, '60000', 'default', false, 'IOC 59970'],
    ['EMERGENCY', 4, '60000', 'distinct', false, 'IOC 58800 repeats'],
    ['HARD_STOP', 4, '60000', 'distinct', false, 'IOC 58200 repeats'],
    // a cap tighter than the ladder: the deepest rung is raised to the floor
    ['HARD_STOP', 2, '60000', 'tight', false, 'IOC 59940'],
    ['HARD_STOP', 3, '60000', 'tight', false, 'IOC 59940'],
    ['EMERGENCY', 3, '60000', 'tight', true, 'IOC 59940'],
    // the bid has fallen within the cap: rungs follow the bid, and stop at the floor
    ['HARD_STOP', 1, '59000', 'default', false, 'IOC 58970.5'],
    ['HARD_STOP', 3, '58210', 'default', false, 'IOC 58200'], // 58 122.69 raised to the floor
    ['SOFT_STOP', 0, '59500', 'default', false, 'LIMIT GTC 59505.95'],
    ['SOFT_STOP', 3, '59400', 'default', false, 'IOC 59400'],
    // the bid below the floor: HOLD (nothing sent), or MARKET when allowed
    ['SOFT_STOP', 0, '59399.99', 'default', false, 'HOLD 59400'],
    ['SOFT_STOP', 0, '59399.99', 'default', true, 'MARKET'],
    ['TRAILING_STOP', 4, '59000', 'default', false, 'HOLD 59400'],
    ['HARD_STOP', 0, '54000', 'default', false, 'HOLD 58200'],
    ['HARD_STOP', 2, '54000', 'default', false, 'HOLD 58200'],
    ['HARD_STOP', 4, '54000', 'default', false, 'HOLD 58200'],
    ['HARD_STOP', 400, '54000', 'default', false, 'HOLD 58200'],
    ['HARD_STOP', 2, '54000', 'default', true, 'MARKET'],
    ['HARD_STOP', 4 + MARKET_ATTEMPTS, '54000', 'default', true, 'EXHAUSTED'],
    ['EMERGENCY', 1, '58500', 'distinct', false, 'HOLD 58800'],
    ['HARD_STOP', 1, '58500', 'distinct', false, 'IOC 58470.75'],
  ])(
    'when a %s exit at attempt %i sees the bid %s (caps %s, market allowed %s) then it does %s',
    (reason, attempt, bid, cap, allowMarket, expected) => {
      expect(shown(plan(reason, attempt, bid, cap, allowMarket))).toBe(expected);
    },
  );

  // Every reason × attempt × cap × market switch, at a bid at, within and beyond each cap.
  const ladderLength = (reason: ExitReason) =>
    immediate.has(reason) ? defaults.hardStopLadderBps.length : defaults.repriceAttempts + 1;
  const cases = allReasons.flatMap((reason) =>
    (Object.keys(caps) as CapName[]).flatMap((cap) =>
      [false, true].flatMap((allowMarket) =>
        Array.from({ length: ladderLength(reason) + MARKET_ATTEMPTS + 2 }, (_, attempt) => ({
          reason,
          cap,
          allowMarket,
          attempt,
        })),
      ),
    ),
  );

  it.each(cases)(
    'when a $reason exit at attempt $attempt (caps $cap, market allowed $allowMarket) then no price is below its floor, MARKET only when allowed, HOLD only below the floor',
    ({ reason, cap, allowMarket, attempt }) => {
      const capPct =
        reason === 'HARD_STOP'
          ? caps[cap].hardStop
          : reason === 'EMERGENCY'
            ? caps[cap].emergency
            : caps[cap].other;
      const floor = exitPriceFloor(reference, capPct, tick);
      const rungs = ladderLength(reason);
      for (const bid of [reference, floor.plus('0.01'), floor, floor.minus('0.01'), floor.times('0.9')]) {
        const step = plan(reason, attempt, bid.toString(), cap, allowMarket);
        const beyondCap = bid.lessThan(floor);
        const exhausted = allowMarket && attempt >= rungs + MARKET_ATTEMPTS;
        if (exhausted) {
          expect(step.kind).toBe('EXHAUSTED');
          continue;
        }
        if (beyondCap) {
          expect(shown(step)).toBe(allowMarket ? 'MARKET' : `HOLD ${floor}`);
          continue;
        }
        expect(step.kind).toBe('ORDER');
        if (step.kind !== 'ORDER') continue;
        if (attempt >= rungs) {
          expect(shown(step)).toBe(allowMarket ? 'MARKET' : `IOC ${floor} repeats`);
          continue;
        }
        expect(step.orderType).toBe('LIMIT');
        expect(step.price?.greaterThanOrEqualTo(floor)).toBe(true);
        expect(step.timeInForce).toBe(immediate.has(reason) || attempt === rungs - 1 ? 'IOC' : 'GTC');
      }
    },
  );

  it('when the offset price falls between ticks then a sell LIMIT rounds up to the tick', () => {
    const step = planExitOrder({
      reason: 'SOFT_STOP',
      attempt: 0,
      bid: dec('123.45'),
      reference: dec('123.45'),
      priceTick: tick,
      settings: defaults,
    });

    // 123.45 × 1.0001 = 123.462345 → 123.47 (never below the intended price)
    expect(shown(step)).toBe('LIMIT GTC 123.47');
  });

  it('when the floor falls between ticks then it rounds up to the tick', () => {
    // 123.45 × 0.99 = 122.2155 → 122.22
    expect(exitPriceFloor(dec('123.45'), dec('1'), tick).toString()).toBe('122.22');
    expect(exitPriceFloor(dec('123.45'), dec('1'), dec('0.5')).toString()).toBe('122.5');
  });

  it('when the settings change the ladder then the rungs follow them', () => {
    const custom: ExitLadderSettings = {
      limitOffsetBps: 10,
      repriceAttempts: 1,
      hardStopLadderBps: [0, 50],
      maxSlippagePct: { hardStop: dec('2'), emergency: dec('2'), other: dec('1') },
      allowMarket: false,
    };
    const steps = (reason: ExitReason) =>
      [0, 1, 2, 3].map((attempt) =>
        shown(
          planExitOrder({
            reason,
            attempt,
            bid: dec('100'),
            reference: dec('100'),
            priceTick: tick,
            settings: custom,
          }),
        ),
      );

    expect(steps('SOFT_STOP')).toEqual(['LIMIT GTC 100.1', 'IOC 100', 'IOC 99 repeats', 'IOC 99 repeats']);
    expect(steps('HARD_STOP')).toEqual(['IOC 100', 'IOC 99.5', 'IOC 98 repeats', 'IOC 98 repeats']);
  });

  it('when any exit is planned at any bid then no planned price is below reference × (1 − cap), and every price is on the tick', () => {
    const ticks = ['0.01', '0.5', '1', '0.00001'].map((text) => dec(text));
    const input = fc.record({
      reason: fc.constantFrom(...allReasons),
      attempt: fc.integer({ min: 0, max: 40 }),
      referenceCents: fc.integer({ min: 100, max: 10_000_000_000 }),
      // The bid from 50 % below to 10 % above the reference, in hundredths of a percent.
      bidMoveBps: fc.integer({ min: -5_000, max: 1_000 }),
      capBps: fc.record({
        hardStop: fc.integer({ min: 1, max: 9_999 }),
        emergency: fc.integer({ min: 1, max: 9_999 }),
        other: fc.integer({ min: 1, max: 9_999 }),
      }),
      ladder: fc.uniqueArray(fc.integer({ min: 0, max: 9_999 }), { minLength: 1, maxLength: 6 }),
      offsetBps: fc.integer({ min: 0, max: 1_000 }),
      repriceAttempts: fc.integer({ min: 1, max: 20 }),
      allowMarket: fc.boolean(),
      tickIndex: fc.integer({ min: 0, max: ticks.length - 1 }),
    });

    fc.assert(
      fc.property(input, (case_) => {
        const priceTick = ticks[case_.tickIndex] as Decimal;
        const ref = dec(case_.referenceCents).dividedBy(100);
        const bid = ref.times(ONE.plus(dec(case_.bidMoveBps).dividedBy(10_000)));
        const pct = (bps: number) => dec(bps).dividedBy(100);
        const maxSlippagePct = {
          hardStop: pct(case_.capBps.hardStop),
          emergency: pct(case_.capBps.emergency),
          other: pct(case_.capBps.other),
        };
        const cap =
          case_.reason === 'HARD_STOP'
            ? maxSlippagePct.hardStop
            : case_.reason === 'EMERGENCY'
              ? maxSlippagePct.emergency
              : maxSlippagePct.other;
        const step = planExitOrder({
          reason: case_.reason,
          attempt: case_.attempt,
          bid,
          reference: ref,
          priceTick,
          settings: {
            limitOffsetBps: case_.offsetBps,
            repriceAttempts: case_.repriceAttempts,
            hardStopLadderBps: [...case_.ladder].sort((a, b) => a - b),
            maxSlippagePct,
            allowMarket: case_.allowMarket,
          },
        });
        const lowest = ref.times(ONE.minus(cap.dividedBy(100)));
        if (step.kind === 'ORDER' && step.orderType === 'MARKET') return case_.allowMarket;
        if (step.kind === 'HOLD') return !case_.allowMarket && bid.lessThan(step.floor);
        if (step.kind === 'EXHAUSTED') return case_.allowMarket;
        const price = step.price as Decimal;
        return price.greaterThanOrEqualTo(lowest) && price.mod(priceTick).isZero();
      }),
      { numRuns: 2_000 },
    );
  });
});
