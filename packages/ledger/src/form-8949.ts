// Form 8949 rows. USD is rounded to cents here and only here (half up), and the gain is DERIVED
// from the rounded columns (proceeds − cost basis + adjustment), so every row and every total adds
// up on paper. Proceeds (d) are NET proceeds, after the sell fee: selling expenses may be netted into
// proceeds, and that is what most crypto tax software does; it keeps the adjustment column (g)
// empty. (A user whose broker reported gross proceeds on a 1099 reports gross and a code-E
// adjustment instead; this export does not.) A buy fee is already in the cost basis (e).
import { type Decimal, dec, roundUsd, sum, toFixedString, toPlainString, ZERO } from '@hookline/core';
import { calendarDayIn, formatUsDate } from './calendar-date.js';
import { type ShortfallRecord, type TaxYearOptions, taxReportRows, toShortfallRecord } from './tax-report.js';
import type { Allocation, Term } from './types.js';

/** One line of Form 8949, columns (a)–(h), money as strings with two decimals. */
export interface Form8949Row {
  readonly description: string;
  readonly dateAcquired: string;
  readonly dateSold: string;
  readonly proceeds: string;
  readonly costBasis: string;
  readonly code: string;
  readonly adjustment: string;
  readonly gain: string;
}

/** The sums of a section's rounded columns. */
export interface Form8949Totals {
  readonly proceeds: string;
  readonly costBasis: string;
  readonly adjustment: string;
  readonly gain: string;
}

/** Part I (short-term) or Part II (long-term). */
export interface Form8949Section {
  readonly term: Term;
  readonly rows: Form8949Row[];
  readonly totals: Form8949Totals;
}

/** The year's Form 8949: both parts, and the shortfalls the user must resolve. */
export interface Form8949 {
  readonly year: number;
  readonly timezone: string;
  readonly shortTerm: Form8949Section;
  readonly longTerm: Form8949Section;
  readonly shortfalls: ShortfallRecord[];
}

// A shortfall has no purchase: it is listed short-term (the conservative rate) with basis 0 and an
// acquisition date the user must supply by importing the missing buys.
const unknownDate = 'UNKNOWN';

/** The year's allocations as Form 8949 sections (rows ordered by sell time). */
export function form8949Rows(allocations: readonly Allocation[], options: TaxYearOptions): Form8949 {
  const dayOf = calendarDayIn(options.timezone ?? 'UTC');
  const rows = taxReportRows(allocations, options);
  const toRow = (allocation: Allocation): Form8949Row => form8949Row(allocation, dayOf);
  return {
    year: options.year,
    timezone: options.timezone ?? 'UTC',
    shortTerm: section('SHORT', rows.filter((row) => row.term !== 'LONG').map(toRow)),
    longTerm: section('LONG', rows.filter((row) => row.term === 'LONG').map(toRow)),
    shortfalls: rows.filter((row) => row.kind === 'SHORTFALL').map(toShortfallRecord),
  };
}

function form8949Row(allocation: Allocation, dayOf: (instant: Date) => number): Form8949Row {
  const proceeds = roundUsd(allocation.netProceedsUsd);
  const costBasis = roundUsd(allocation.costBasisUsd);
  const suffix =
    allocation.kind === 'FEE_DISPOSAL' ? ' (fee)' : allocation.kind === 'SHORTFALL' ? ' (shortfall)' : '';
  return {
    description: `${toPlainString(allocation.allocatedSize)} ${allocation.asset}${suffix}`,
    dateAcquired: allocation.buyTime ? formatUsDate(dayOf(allocation.buyTime)) : unknownDate,
    dateSold: formatUsDate(dayOf(allocation.sellTime)),
    proceeds: cents(proceeds),
    costBasis: cents(costBasis),
    code: '',
    adjustment: cents(ZERO),
    gain: cents(proceeds.minus(costBasis)),
  };
}

function section(term: Term, rows: Form8949Row[]): Form8949Section {
  const total = (pick: (row: Form8949Row) => string): string => cents(sum(rows.map((row) => dec(pick(row)))));
  return {
    term,
    rows,
    totals: {
      proceeds: total((row) => row.proceeds),
      costBasis: total((row) => row.costBasis),
      adjustment: total((row) => row.adjustment),
      gain: total((row) => row.gain),
    },
  };
}

function cents(value: Decimal): string {
  return toFixedString(value, 2);
}
