import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { OrderFillTracker } from '../../src/coinbase/order-fill-tracker.js';

describe('OrderFillTracker', () => {
  // Three fills of 0.001 at 60000, 60003 and 59991: avg_price is the venue's cumulative average.
  const states = [
    { cumulative: '0.001', avg: '60000', fees: '0.24' },
    { cumulative: '0.002', avg: '60001.5', fees: '0.480012' },
    { cumulative: '0.003', avg: '59998', fees: '0.719976' },
  ];

  it('when cumulative states arrive then each fill is the exact delta: price from the averages, fee from the totals', () => {
    const tracker = new OrderFillTracker();

    const fills = states.map((state) =>
      tracker.observe('order-1', dec(state.cumulative), dec(state.avg), dec(state.fees)),
    );

    expect(fills.map((fill) => fill?.price.toString())).toEqual(['60000', '60003', '59991']);
    expect(fills.map((fill) => fill?.amount.toString())).toEqual(['0.001', '0.001', '0.001']);
    expect(fills.map((fill) => fill?.fee.toString())).toEqual(['0.24', '0.240012', '0.239964']);
    expect(fills.map((fill) => fill?.cumulativeAmount.toString())).toEqual(['0.001', '0.002', '0.003']);
  });

  it('when one update was skipped then the next covers both fills at their average price', () => {
    const tracker = new OrderFillTracker();
    tracker.observe('order-1', dec('0.001'), dec('60000'), dec('0.24'));

    const combined = tracker.observe('order-1', dec('0.003'), dec('59998'), dec('0.719976'));

    expect(combined).toMatchObject({ amount: dec('0.002'), price: dec('59997'), fee: dec('0.479976') });
  });

  it('when a state is replayed or arrives out of order then no fill is reported again', () => {
    const tracker = new OrderFillTracker();
    tracker.observe('order-1', dec('0.002'), dec('60001.5'), dec('0.480012'));

    const replayed = tracker.observe('order-1', dec('0.002'), dec('60001.5'), dec('0.480012'));
    const older = tracker.observe('order-1', dec('0.001'), dec('60000'), dec('0.24'));

    expect([replayed, older]).toEqual([undefined, undefined]);
  });

  it('when a snapshot sets the baseline then only later increases are fills', () => {
    const tracker = new OrderFillTracker();
    tracker.baseline('order-1', dec('0.001'), dec('60000'), dec('0.24'));

    const next = tracker.observe('order-1', dec('0.002'), dec('60001.5'), dec('0.480012'));

    expect(next).toMatchObject({ amount: dec('0.001'), price: dec('60003') });
  });

  it('when a backfilled fill is accounted then the next cumulative state continues after it', () => {
    const tracker = new OrderFillTracker();
    tracker.observe('order-1', dec('0.001'), dec('60000'), dec('0.24'));
    tracker.account('order-1', { amount: dec('0.001'), price: dec('60003'), fee: dec('0.240012') });

    const third = tracker.observe('order-1', dec('0.003'), dec('59998'), dec('0.719976'));

    expect(third).toMatchObject({ amount: dec('0.001'), price: dec('59991'), fee: dec('0.239964') });
  });
});
