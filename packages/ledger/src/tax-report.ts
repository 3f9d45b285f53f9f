// The tax-year selection and totals behind `tax report --format json`. Exact: nothing is rounded
// here (only Form 8949 rounds, at export), so the totals equal SUM() over the stored columns.
import { type Decimal, sum, toPlainString, ZERO } from '@hookline/core';
import { type AllocationRecord, toAllocationRecord } from './allocation-record.js';
import { calendarDayIn, yearOf } from './calendar-date.js';
import type { Allocation } from './types.js';

/** Which tax year, on calendar dates of which timezone (default UTC). */
export interface TaxYearOptions {
  readonly year: number;
  readonly timezone?: string;
}

/** The report's options: the tax year, and the fills flagged UNVALUED_FEE (fills.fee_unvalued). */
export interface TaxReportOptions extends TaxYearOptions {
  readonly unvaluedFeeFillIds?: Iterable<string>;
}

/** The year's sums as exact decimal strings. Shortfalls (no acquisition date) count as short-term. */
export interface TaxTotals {
  readonly proceeds_usd: string;
  readonly net_proceeds_usd: string;
  readonly cost_basis_usd: string;
  readonly pnl_usd: string;
  readonly short_term_pnl_usd: string;
  readonly long_term_pnl_usd: string;
}

/** A disposal beyond inventory the user must resolve (import the missing buys) before filing. */
export interface ShortfallRecord {
  readonly account: string;
  readonly symbol: string;
  readonly sell_fill_id: string;
  readonly size: string;
  readonly net_proceeds_usd: string;
  readonly sell_time: string;
}

/** The JSON tax report. */
export interface TaxReport {
  readonly year: number;
  readonly timezone: string;
  readonly allocations: AllocationRecord[];
  readonly totals: TaxTotals;
  readonly shortfalls: ShortfallRecord[];
  /** Fills of this year's rows whose fee could not be valued and was left out. */
  readonly unvalued_fee_fills: string[];
}

/**
 * The allocations whose sell date, in the tax timezone, falls in the year, ordered by sell time, then
 * sell fill id and slice index: the same report whatever order the database returned the rows in.
 */
export function taxReportRows(allocations: readonly Allocation[], options: TaxYearOptions): Allocation[] {
  const dayOf = calendarDayIn(options.timezone ?? 'UTC');
  return allocations
    .filter((allocation) => allocation.kind !== 'TRANSFER') // a move between own accounts, not a disposal
    .filter((allocation) => yearOf(dayOf(allocation.sellTime)) === options.year)
    .sort(
      (a, b) =>
        a.sellTime.getTime() - b.sellTime.getTime() ||
        (a.sellFillId < b.sellFillId ? -1 : a.sellFillId > b.sellFillId ? 1 : 0) ||
        a.sliceIndex - b.sliceIndex,
    );
}

/** The year's rows, totals, shortfalls and unvalued-fee fills. */
export function taxReport(allocations: readonly Allocation[], options: TaxReportOptions): TaxReport {
  const rows = taxReportRows(allocations, options);
  const flagged = new Set(options.unvaluedFeeFillIds ?? []);
  const touched = rows
    .flatMap((row) => [row.sellFillId, row.buyFillId ?? ''])
    .filter((id) => flagged.has(id));
  return {
    year: options.year,
    timezone: options.timezone ?? 'UTC',
    allocations: rows.map(toAllocationRecord),
    totals: taxTotals(rows),
    shortfalls: rows.filter((row) => row.kind === 'SHORTFALL').map(toShortfallRecord),
    unvalued_fee_fills: [...new Set(touched)],
  };
}

/** Exact sums of the rows' money columns. */
export function taxTotals(rows: readonly Allocation[]): TaxTotals {
  const total = (pick: (row: Allocation) => Decimal, only = (_row: Allocation) => true): string =>
    toPlainString(rows.length === 0 ? ZERO : sum(rows.filter(only).map(pick)));
  return {
    proceeds_usd: total((row) => row.proceedsUsd),
    net_proceeds_usd: total((row) => row.netProceedsUsd),
    cost_basis_usd: total((row) => row.costBasisUsd),
    pnl_usd: total((row) => row.pnlUsd),
    short_term_pnl_usd: total(
      (row) => row.pnlUsd,
      (row) => row.term !== 'LONG',
    ),
    long_term_pnl_usd: total(
      (row) => row.pnlUsd,
      (row) => row.term === 'LONG',
    ),
  };
}

/** A SHORTFALL row in the report's shortfall list. */
export function toShortfallRecord(row: Allocation): ShortfallRecord {
  return {
    account: row.account,
    symbol: row.symbol,
    sell_fill_id: row.sellFillId,
    size: toPlainString(row.allocatedSize),
    net_proceeds_usd: toPlainString(row.netProceedsUsd),
    sell_time: row.sellTime.toISOString(),
  };
}
