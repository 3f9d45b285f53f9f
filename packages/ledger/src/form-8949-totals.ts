// Box totals of Form 8949. A total is the EXACT sum of its rows, rounded once to cents (half up):
// proceeds (d), cost basis (e) and adjustment (g) each so, and the gain (h) derived from those
// rounded totals, (d) − (e) + (g), as the form's line does. Rows are rounded one by one for their
// own line, so the rounded rows of a box may differ from its total by up to half a cent per row;
// `rowSums` (the sums of the rounded rows) and `exactTotals` (unrounded) are kept beside the totals
// so an accountant sees both. The rule: a Schedule D line equals its box's rounded exact sum, and
// the exact sums of all boxes equal the ledger's totals (taxTotals) exactly.
import { type Decimal, dec, roundUsd, sum, toFixedString, toPlainString, ZERO } from '@hookline/core';

/** Money columns (d), (e), (g), (h) as strings. */
export interface Form8949Totals {
  readonly proceeds: string;
  readonly costBasis: string;
  readonly adjustment: string;
  readonly gain: string;
}

/** The unrounded columns behind a row or a total. */
export interface ExactAmounts {
  readonly proceeds: Decimal;
  readonly costBasis: Decimal;
  readonly adjustment: Decimal;
}

/** Totals rounded once from exact sums (two decimals), and the exact sums (plain decimals). */
export function roundedOnce(amounts: readonly ExactAmounts[]): {
  totals: Form8949Totals;
  exactTotals: Form8949Totals;
} {
  const exact = {
    proceeds: total(amounts.map((row) => row.proceeds)),
    costBasis: total(amounts.map((row) => row.costBasis)),
    adjustment: total(amounts.map((row) => row.adjustment)),
  };
  const proceeds = roundUsd(exact.proceeds);
  const costBasis = roundUsd(exact.costBasis);
  const adjustment = roundUsd(exact.adjustment);
  return {
    totals: {
      proceeds: cents(proceeds),
      costBasis: cents(costBasis),
      adjustment: cents(adjustment),
      gain: cents(proceeds.minus(costBasis).plus(adjustment)),
    },
    exactTotals: {
      proceeds: toPlainString(exact.proceeds),
      costBasis: toPlainString(exact.costBasis),
      adjustment: toPlainString(exact.adjustment),
      gain: toPlainString(exact.proceeds.minus(exact.costBasis).plus(exact.adjustment)),
    },
  };
}

/** The plain sums of already-rounded columns (what adding the printed rows gives). */
export function sumOfRows(rows: readonly Form8949Totals[]): Form8949Totals {
  const add = (pick: (row: Form8949Totals) => string): string =>
    cents(total(rows.map((row) => dec(pick(row)))));
  return {
    proceeds: add((row) => row.proceeds),
    costBasis: add((row) => row.costBasis),
    adjustment: add((row) => row.adjustment),
    gain: add((row) => row.gain),
  };
}

/** Adds totals column by column (for Schedule D lines and grand totals of rounded box totals). */
export function addTotals(parts: readonly Form8949Totals[]): Form8949Totals {
  return sumOfRows(parts);
}

function total(values: readonly Decimal[]): Decimal {
  return values.length === 0 ? ZERO : sum(values);
}

export function cents(value: Decimal): string {
  return toFixedString(value, 2);
}
