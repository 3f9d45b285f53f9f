// Calendar dates in the tax timezone, as integers yyyymmdd so comparing dates is comparing numbers.
// Intl.DateTimeFormat knows the IANA zone rules (DST included) and needs no library.
import { HooklineError } from '@hookline/core';

/** A calendar date encoded as year × 10000 + month × 100 + day (2024-02-29 → 20240229). */
export type CalendarDay = number;

/** Maps an instant to its calendar date in one timezone. */
export type DayOfInstant = (instant: Date) => CalendarDay;

const dayFunctions = new Map<string, DayOfInstant>();

/** The (cached) function giving an instant's calendar date in the IANA timezone; throws on an unknown zone. */
export function calendarDayIn(timezone: string): DayOfInstant {
  const cached = dayFunctions.get(timezone);
  if (cached) return cached;
  const created = timezone === 'UTC' ? utcDay : zonedDay(timezone);
  dayFunctions.set(timezone, created);
  return created;
}

const dayMs = 86_400_000;

// The UTC day last asked for, [startMs, startMs + dayMs): fills come in time order, so most fills
// fall on the day of the one before, and reading a new Date's calendar fields is comparatively slow.
const lastUtcDay = { startMs: Number.NaN, day: 0 };

// UTC needs no Intl call: the fast path for the default (and for the benchmark's hot loop).
function utcDay(instant: Date): CalendarDay {
  const epochMs = instant.getTime();
  const offset = epochMs - lastUtcDay.startMs;
  if (offset >= 0 && offset < dayMs) return lastUtcDay.day;
  const day = instant.getUTCFullYear() * 10000 + (instant.getUTCMonth() + 1) * 100 + instant.getUTCDate();
  // A valid Date holds whole milliseconds, so its day starts at a whole multiple of dayMs.
  lastUtcDay.startMs = Math.floor(epochMs / dayMs) * dayMs;
  lastUtcDay.day = day;
  return day;
}

function zonedDay(timezone: string): DayOfInstant {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
  } catch (error) {
    throw new HooklineError('INVALID_ARGUMENT', `unknown tax timezone "${timezone}"`, {
      context: { timezone },
      cause: error,
    });
  }
  // Lots are read many times and same-instant fills are common: remembering the last answer is cheap.
  let lastMs = Number.NaN;
  let lastDay = 0;
  return (instant) => {
    const epochMs = instant.getTime();
    if (epochMs === lastMs) return lastDay;
    let year = 0;
    let month = 0;
    let day = 0;
    for (const part of formatter.formatToParts(instant)) {
      if (part.type === 'year') year = Number(part.value);
      else if (part.type === 'month') month = Number(part.value);
      else if (part.type === 'day') day = Number(part.value);
    }
    lastMs = epochMs;
    lastDay = year * 10000 + month * 100 + day;
    return lastDay;
  };
}

/** The date as MM/DD/YYYY, the form Form 8949 uses. */
export function formatUsDate(day: CalendarDay): string {
  const year = Math.floor(day / 10000);
  const month = Math.floor(day / 100) % 100;
  const date = day % 100;
  return `${pad2(month)}/${pad2(date)}/${String(year).padStart(4, '0')}`;
}

/** The date as YYYY-MM-DD. */
export function formatIsoDate(day: CalendarDay): string {
  const year = Math.floor(day / 10000);
  return `${String(year).padStart(4, '0')}-${pad2(Math.floor(day / 100) % 100)}-${pad2(day % 100)}`;
}

/** The year of a calendar date. */
export function yearOf(day: CalendarDay): number {
  return Math.floor(day / 10000);
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
