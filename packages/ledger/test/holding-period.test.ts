import { HooklineError } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { anniversaryOf } from '../src/holding-period.js';
import { calendarDayIn, FifoEngine, holdingTerm, recompute } from '../src/index.js';
import { fills } from './support/fills.js';

describe('holding period on calendar dates', () => {
  // Bought at `bought`, sold at `sold` (instants), judged in `timezone`.
  const cases = [
    {
      name: 'Feb 29 purchase sold Feb 28 next year',
      bought: '2024-02-29T15:00:00Z',
      sold: '2025-02-28T15:00:00Z',
      timezone: 'UTC',
      term: 'SHORT',
    },
    {
      name: 'Feb 29 purchase sold Mar 1 next year',
      bought: '2024-02-29T15:00:00Z',
      sold: '2025-03-01T15:00:00Z',
      timezone: 'UTC',
      term: 'LONG',
    },
    {
      name: 'sale exactly on the anniversary',
      bought: '2023-01-15T10:00:00Z',
      sold: '2024-01-15T23:59:59Z',
      timezone: 'UTC',
      term: 'SHORT',
    },
    {
      name: 'sale the day after the anniversary',
      bought: '2023-01-15T10:00:00Z',
      sold: '2024-01-16T00:00:00Z',
      timezone: 'UTC',
      term: 'LONG',
    },
    {
      name: '365 days that are not a year (leap day between)',
      bought: '2023-03-01T12:00:00Z',
      sold: '2024-02-29T12:00:00Z',
      timezone: 'UTC',
      term: 'SHORT',
    },
    {
      name: '366 days landing on the anniversary',
      bought: '2023-03-01T12:00:00Z',
      sold: '2024-03-01T12:00:00Z',
      timezone: 'UTC',
      term: 'SHORT',
    },
    {
      name: '-07:00 evening sale in UTC is the next day',
      bought: '2023-03-10T12:00:00Z',
      sold: '2024-03-10T20:00:00-07:00',
      timezone: 'UTC',
      term: 'LONG',
    },
    {
      name: '-07:00 evening sale in Los Angeles is the anniversary',
      bought: '2023-03-10T12:00:00Z',
      sold: '2024-03-10T20:00:00-07:00',
      timezone: 'America/Los_Angeles',
      term: 'SHORT',
    },
  ] as const;

  it.each(cases)('when $name ($timezone) then the term is $term', ({ bought, sold, timezone, term }) => {
    const ledger = recompute(
      fills(
        { id: 'b', side: 'buy', size: '1', price: '100', at: bought },
        { id: 's', side: 'sell', size: '1', price: '150', at: sold },
      ),
      { timezone },
    );

    expect(ledger.allocations.map((allocation) => allocation.term)).toEqual([term]);
  });

  it('when the anniversary of a date is asked for then Feb 29 maps to Feb 28 and others to the same day', () => {
    expect([anniversaryOf(20240229), anniversaryOf(20240228), anniversaryOf(20231231)]).toEqual([
      20250228, 20250228, 20241231,
    ]);
    expect([holdingTerm(20240229, 20250228), holdingTerm(20240229, 20250301)]).toEqual(['SHORT', 'LONG']);
  });

  it('when a -07:00 time is read in UTC and in Los Angeles then the calendar dates differ', () => {
    const instant = new Date('2024-03-10T20:00:00-07:00');

    expect(calendarDayIn('UTC')(instant)).toBe(20240311);
    expect(calendarDayIn('America/Los_Angeles')(instant)).toBe(20240310);
  });

  it('when the tax timezone is unknown then the engine refuses to start', () => {
    expect(() => new FifoEngine({ timezone: 'Mars/Olympus_Mons' })).toThrow(HooklineError);
  });
});
