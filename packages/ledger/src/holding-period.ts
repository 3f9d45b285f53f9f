// The IRS holding-period rule: a disposal is long-term iff the sell date is AFTER the one-year
// anniversary of the buy date, on calendar dates (the day of purchase does not count; selling on the
// anniversary is still short-term). Calendar arithmetic, never "365 days" (leap years) and never
// setUTCFullYear on instants (the date depends on the tax timezone, not on UTC).
import type { CalendarDay } from './calendar-date.js';
import type { Term } from './types.js';

/**
 * The one-year anniversary of a buy date. Feb 29 has no anniversary next year; the holding period
 * then ends on Feb 28, so a sale on Mar 1 is the first long-term date (the common reading of
 * IRS Pub. 544; the same in both cases).
 */
export function anniversaryOf(buyDay: CalendarDay): CalendarDay {
  const monthAndDay = buyDay % 10000;
  return buyDay + 10000 - (monthAndDay === 229 ? 1 : 0);
}

/** LONG iff the sell date is after the anniversary of the buy date. */
export function holdingTerm(buyDay: CalendarDay, sellDay: CalendarDay): Term {
  return sellDay > anniversaryOf(buyDay) ? 'LONG' : 'SHORT';
}
