// Form 8949 rows, grouped by box. USD is rounded to cents for each row (half up) and the row's gain
// is DERIVED from its rounded columns (proceeds − cost basis + adjustment), so every printed line
// adds across; box totals are rounded once from exact sums (form-8949-totals.ts says why).
// Proceeds (d) are NET proceeds, after the sell fee: selling expenses may be netted into proceeds,
// and that is what most crypto tax software does; it keeps the adjustment column (g) empty. (A user
// whose broker reported gross proceeds reports gross and a code-E adjustment instead; this export
// does not.) A buy fee is already in the cost basis (e).
import { type Decimal, roundUsd, toPlainString, ZERO } from '@hookline/core';
import { calendarDayIn, formatUsDate } from './calendar-date.js';
import { cents, type ExactAmounts, type Form8949Totals, roundedOnce, sumOfRows } from './form-8949-totals.js';
import {
  type AccountTaxSetting,
  BOX_ORDER,
  type Form8949Box,
  form8949Box,
  partOf,
  scheduleDLine,
} from './tax-boxes.js';
import { type ShortfallRecord, type TaxYearOptions, taxReportRows, toShortfallRecord } from './tax-report.js';
import type { Allocation } from './types.js';

export type { Form8949Totals } from './form-8949-totals.js';

/** One line of Form 8949, columns (a)–(h), money as strings with two decimals, with its box. */
export interface Form8949Row extends Form8949Totals {
  readonly account: string;
  readonly box: Form8949Box;
  readonly description: string;
  readonly dateAcquired: string;
  readonly dateSold: string;
  readonly code: string;
}

/** A row's cells in the form's column order, (a) description to (h) gain: what every layout prints. */
export function form8949Cells(row: Form8949Row): string[] {
  return [
    row.description,
    row.dateAcquired,
    row.dateSold,
    row.proceeds,
    row.costBasis,
    row.code,
    row.adjustment,
    row.gain,
  ];
}

/** The rows of one box (one checked box of Part I or Part II) and its totals. */
export interface Form8949BoxSection {
  readonly box: Form8949Box;
  readonly part: 'I' | 'II';
  readonly scheduleDLine: string;
  readonly rows: Form8949Row[];
  /** Rounded once from the exact sums: what goes on the form and on Schedule D. */
  readonly totals: Form8949Totals;
  /** The exact, unrounded sums. */
  readonly exactTotals: Form8949Totals;
  /** The sums of the rounded rows (may differ from totals by up to half a cent per row). */
  readonly rowSums: Form8949Totals;
}

/** The year's Form 8949: one section per box used, and the shortfalls the user must resolve. */
export interface Form8949 {
  readonly year: number;
  readonly timezone: string;
  readonly boxes: Form8949BoxSection[];
  readonly shortfalls: ShortfallRecord[];
}

/** The year's options and each account's tax configuration (an account not named: no form). */
export interface Form8949Options extends TaxYearOptions {
  readonly taxSettings?: ReadonlyMap<string, AccountTaxSetting>;
}

// A shortfall has no purchase: it is listed short-term (the conservative rate) with basis 0 and an
// acquisition date the user must supply by importing the missing buys.
const unknownDate = 'UNKNOWN';

/** The year's allocations as Form 8949 box sections in form order (rows ordered by sell time). */
export function form8949Rows(allocations: readonly Allocation[], options: Form8949Options): Form8949 {
  const dayOf = calendarDayIn(options.timezone ?? 'UTC');
  const rows = taxReportRows(allocations, options);
  const byBox = new Map<Form8949Box, Array<{ row: Form8949Row; exact: ExactAmounts }>>();
  for (const allocation of rows) {
    const box = form8949Box(options.year, allocation.term, options.taxSettings?.get(allocation.account));
    const entry = { row: form8949Row(allocation, box, dayOf), exact: exactOf(allocation) };
    byBox.set(box, [...(byBox.get(box) ?? []), entry]);
  }
  return {
    year: options.year,
    timezone: options.timezone ?? 'UTC',
    boxes: BOX_ORDER.filter((box) => byBox.has(box)).map((box) => boxSection(box, byBox.get(box) ?? [])),
    shortfalls: rows.filter((row) => row.kind === 'SHORTFALL').map(toShortfallRecord),
  };
}

/** Every row of the form, in form order. */
export function allForm8949Rows(form: Form8949): Form8949Row[] {
  return form.boxes.flatMap((section) => section.rows);
}

function boxSection(box: Form8949Box, entries: ReadonlyArray<{ row: Form8949Row; exact: ExactAmounts }>) {
  const rows = entries.map((entry) => entry.row);
  const { totals, exactTotals } = roundedOnce(entries.map((entry) => entry.exact));
  return {
    box,
    part: partOf(box),
    scheduleDLine: scheduleDLine(box),
    rows,
    totals,
    exactTotals,
    rowSums: sumOfRows(rows),
  };
}

function exactOf(allocation: Allocation): ExactAmounts {
  return { proceeds: allocation.netProceedsUsd, costBasis: allocation.costBasisUsd, adjustment: ZERO };
}

function form8949Row(
  allocation: Allocation,
  box: Form8949Box,
  dayOf: (instant: Date) => number,
): Form8949Row {
  const proceeds: Decimal = roundUsd(allocation.netProceedsUsd);
  const costBasis = roundUsd(allocation.costBasisUsd);
  const suffix =
    allocation.kind === 'FEE_DISPOSAL' ? ' (fee)' : allocation.kind === 'SHORTFALL' ? ' (shortfall)' : '';
  return {
    account: allocation.account,
    box,
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
