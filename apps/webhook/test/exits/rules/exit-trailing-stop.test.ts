import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { decide, market, NOW, outcome, type Scenario, settings, stopOf, trailing } from './exit-fixtures.js';

// Average cost 100, so trailing activates at a bid of 103.5. ATR 1 unless a case says otherwise:
// distance 2 × ATR = 2, clamped to [1 %, 2 %] of the peak; the stop rises in steps of ≥ 0.5 × ATR.
const staleAtr = { atrTimeMs: NOW - 900_001 };

describe('trailing stop: activation', () => {
  it.each<[string, string, boolean, string]>([
    ['the bid is 103.49 (P&L 3.49 %)', '103.49', false, 'none'],
    ['the bid is 103.5 (P&L exactly 3.5 %)', '103.5', true, '101.5'],
    ['the bid is 120', '120', true, '118'],
  ])('when %s on the first evaluation then active is %s and the stop %s', (_name, bid, active, stop) => {
    const verdict = decide({ market: market(bid) });

    expect(outcome(verdict)).toBe('HOLD');
    expect(verdict.state.trailingActive).toBe(active);
    expect(stopOf(verdict)).toBe(stop);
  });

  it('when the bid falls back below the activation price then trailing stays active with its stop', () => {
    const verdict = decide({ state: trailing('104', '102'), market: market('102.5') });

    expect(verdict.state).toMatchObject({ trailingActive: true, peakPrice: dec('104') });
    expect(stopOf(verdict)).toBe('102');
    expect(verdict.stateChanged).toBe(false);
  });
});

describe('trailing stop: distance from the peak, clamped to [1 %, 2 %] of the peak', () => {
  it.each<[string, Partial<Scenario['market']>, string]>([
    ['2 × ATR is inside the clamp (ATR 0.75 → 1.5)', { atr: dec('0.75') }, '102'],
    ['2 × ATR is below 1 % (ATR 0.1 → 0.2, clamped to 1.035)', { atr: dec('0.1') }, '102.465'],
    ['2 × ATR is exactly 1 % (ATR 0.5175)', { atr: dec('0.5175') }, '102.465'],
    ['2 × ATR is above 2 % (ATR 5 → 10, clamped to 2.07)', { atr: dec('5') }, '101.43'],
    ['2 × ATR is exactly 2 % (ATR 1.035)', { atr: dec('1.035') }, '101.43'],
  ])('when %s then the stop on activation at 103.5 is %s', (_name, atr, stop) => {
    expect(stopOf(decide({ market: market('103.5', atr) }))).toBe(stop);
  });
});

describe('trailing stop: raised only, and only in steps of at least 0.5 × ATR', () => {
  it.each<[string, Scenario, string, string, boolean]>([
    [
      'the peak rises 0.4 (< 0.5 × ATR 1)',
      { state: trailing('110', '108'), market: market('110.4') },
      '110.4',
      '108',
      true,
    ],
    [
      'the peak rises 0.5 (= 0.5 × ATR 1)',
      { state: trailing('110', '108'), market: market('110.5') },
      '110.5',
      '108.5',
      true,
    ],
    ['the peak rises 3', { state: trailing('110', '108'), market: market('113') }, '113', '111', true],
    [
      'the bid is below the peak',
      { state: trailing('110', '108'), market: market('109') },
      '110',
      '108',
      false,
    ],
    [
      'the ATR shrinks to 0.5 (candidate 108.9 is 0.9 ≥ 0.25 above)',
      { state: trailing('110', '108'), market: market('109', { atr: dec('0.5') }) },
      '110',
      '108.9',
      true,
    ],
    [
      'the ATR grows to 3 (candidate 107.8 is below the stop)',
      { state: trailing('110', '108'), market: market('109', { atr: dec('3') }) },
      '110',
      '108',
      false,
    ],
    [
      'the step is 0 and the peak rises 0.01',
      {
        state: trailing('110', '108'),
        market: market('110.01'),
        settings: settings({ trailingStepAtr: '0' }),
      },
      '110.01',
      '108.01',
      true,
    ],
  ])(
    'when %s then the peak is %s, the stop %s, and changed is %s',
    (_name, scenario, peak, stop, changed) => {
      const verdict = decide(scenario);

      expect(verdict.state.peakPrice.toFixed()).toBe(peak);
      expect(stopOf(verdict)).toBe(stop);
      expect(verdict.stateChanged).toBe(changed);
    },
  );
});

describe('trailing stop: without a usable ATR the widest stop (2 % of the peak) is used', () => {
  it.each<[string, Partial<Scenario['market']>]>([
    ['there is no ATR', { atr: undefined, atrTimeMs: undefined }],
    ['the ATR row is 900 001 ms old', staleAtr],
    ['the ATR has no time', { atrTimeMs: undefined }],
    ['the ATR is zero', { atr: dec('0') }],
    ['the ATR is negative', { atr: dec('-1') }],
  ])('when %s then activation at 103.5 sets the stop at 101.43 and the inputs say fallback', (_name, atr) => {
    const activated = decide({ market: market('103.5', atr) });
    const fired = decide({ state: activated.state, market: market('101.43', atr) });

    expect(stopOf(activated)).toBe('101.43');
    expect(outcome(fired)).toBe('EXIT TRAILING_STOP');
    expect(fired.inputs.trailing).toMatchObject({ atrFallback: true, atrUsed: '1.035', distance: '2.07' });
  });

  it.each<[string, string, string]>([
    // Peak 110 → 2 % = 2.2, effective ATR 1.1, minimum raise 0.55.
    ['the peak rises to 110.5 (candidate 108.29 is 0.49 above, < 0.5525)', '110.5', '107.8'],
    ['the peak rises to 112 (candidate 109.76 is 1.96 above)', '112', '109.76'],
  ])('when the ATR is stale and %s then the stop is %s', (_name, bid, stop) => {
    expect(stopOf(decide({ state: trailing('110', '107.8'), market: market(bid, staleAtr) }))).toBe(stop);
  });
});

describe('trailing stop: firing', () => {
  it.each<[string, string, string]>([
    ['the bid equals the stop', '108', 'EXIT TRAILING_STOP'],
    ['the bid is below the stop but above the soft stop', '98', 'EXIT TRAILING_STOP'],
    ['the bid is a cent above the stop', '108.01', 'HOLD'],
  ])('when %s then %s', (_name, bid, expected) => {
    const verdict = decide({ state: trailing('110', '108'), market: market(bid) });

    expect(outcome(verdict)).toBe(expected);
    expect(stopOf(verdict)).toBe('108');
  });

  it('when trailing activates on this bid then it cannot fire on the same bid', () => {
    expect(outcome(decide({ state: trailing('103'), market: market('103.5') }))).toBe('HOLD');
  });
});
