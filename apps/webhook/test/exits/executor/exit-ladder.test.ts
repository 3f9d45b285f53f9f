import { dec, type ExitReason } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { MARKET_ATTEMPTS, planExitOrder } from '../../../src/exits/executor/exit-ladder.js';
import { defaultExitExecutionSettings } from '../../../src/exits/exit-settings.js';

const settings = defaultExitExecutionSettings; // offset 1 bps, 3 LIMIT attempts, ladder 0/5/10/15 bps

describe('exit ladder', () => {
  // bid 60 000, tick 0.01: +1 bps = 60 006; −5 bps = 59 970; −10 bps = 59 940; −15 bps = 59 910.
  it.each<[ExitReason, number, string, string, string | undefined]>([
    ['SOFT_STOP', 0, 'LIMIT', 'GTC', '60006'],
    ['SOFT_STOP', 1, 'LIMIT', 'GTC', '60006'],
    ['TRAILING_STOP', 2, 'LIMIT', 'GTC', '60006'],
    ['TAKE_PROFIT', 3, 'LIMIT', 'IOC', '60000'],
    ['SIGNAL_EXIT', 4, 'MARKET', 'IOC', undefined],
    ['TTL', 4 + MARKET_ATTEMPTS - 1, 'MARKET', 'IOC', undefined],
    ['HARD_STOP', 0, 'LIMIT', 'IOC', '60000'],
    ['HARD_STOP', 1, 'LIMIT', 'IOC', '59970'],
    ['HARD_STOP', 2, 'LIMIT', 'IOC', '59940'],
    ['HARD_STOP', 3, 'LIMIT', 'IOC', '59910'],
    ['HARD_STOP', 4, 'MARKET', 'IOC', undefined],
    ['EMERGENCY', 1, 'LIMIT', 'IOC', '59970'],
  ])(
    'when a %s exit is at attempt %i then it sends %s %s at %s',
    (reason, attempt, orderType, timeInForce, price) => {
      const plan = planExitOrder({ reason, attempt, bid: dec('60000'), priceTick: dec('0.01'), settings });

      expect(plan).toMatchObject({ attempt, orderType, timeInForce });
      expect(plan?.price?.toString()).toBe(price);
    },
  );

  it.each<[ExitReason, number]>([
    ['SOFT_STOP', 4 + MARKET_ATTEMPTS],
    ['HARD_STOP', 4 + MARKET_ATTEMPTS],
  ])('when a %s exit has used every rung (attempt %i) then the ladder is exhausted', (reason, attempt) => {
    expect(
      planExitOrder({ reason, attempt, bid: dec('60000'), priceTick: dec('0.01'), settings }),
    ).toBeUndefined();
  });

  it('when the offset price falls between ticks then a sell LIMIT rounds up to the tick', () => {
    const plan = planExitOrder({
      reason: 'SOFT_STOP',
      attempt: 0,
      bid: dec('123.45'),
      priceTick: dec('0.01'),
      settings,
    });

    // 123.45 × 1.0001 = 123.462345 → 123.47 (never below the intended price)
    expect(plan?.price?.toString()).toBe('123.47');
  });

  it('when the settings change the ladder then the rungs follow them', () => {
    const custom = { limitOffsetBps: 10, repriceAttempts: 1, hardStopLadderBps: [0, 50] };
    const plans = [0, 1, 2].map((attempt) =>
      planExitOrder({
        reason: 'SOFT_STOP',
        attempt,
        bid: dec('100'),
        priceTick: dec('0.01'),
        settings: custom,
      }),
    );
    const hard = [0, 1, 2].map((attempt) =>
      planExitOrder({
        reason: 'HARD_STOP',
        attempt,
        bid: dec('100'),
        priceTick: dec('0.01'),
        settings: custom,
      }),
    );

    expect(plans.map((plan) => `${plan?.orderType} ${plan?.timeInForce} ${plan?.price ?? '-'}`)).toEqual([
      'LIMIT GTC 100.1',
      'LIMIT IOC 100',
      'MARKET IOC -',
    ]);
    expect(hard.map((plan) => `${plan?.orderType} ${plan?.timeInForce} ${plan?.price ?? '-'}`)).toEqual([
      'LIMIT IOC 100',
      'LIMIT IOC 99.5',
      'MARKET IOC -',
    ]);
  });
});
