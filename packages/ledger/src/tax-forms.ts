// The filing package of a tax year: Form 8949 by box, Schedule D lines, the same per account, a
// per-asset summary and the open positions at the year's end. The JSON of `tax report --format
// forms`, and what the 8949 CSV and the HTML form render.
import { type AssetSummary, assetSummaries } from './asset-summary.js';
import { type Form8949, type Form8949Options, form8949Rows } from './form-8949.js';
import { type ScheduleD, scheduleD } from './schedule-d.js';
import { type AccountTaxSetting, NO_TAX_FORM } from './tax-boxes.js';
import { type TaxTotals, taxReportRows, taxTotals } from './tax-report.js';
import type { Allocation } from './types.js';
import type { YearEndPosition } from './year-end-positions.js';

/** How totals are rounded, stated in the JSON so a reader need not guess. */
export const ROUNDING_RULE =
  'Rows are rounded to cents one by one; box totals are the exact sums rounded once (half up), gain = ' +
  'proceeds - cost + adjustment of the rounded totals; rowSums add the rounded rows and may differ by ' +
  'up to half a cent per row; exactTotals are unrounded and add up to the ledger totals exactly.';

/** One account's part of the forms. */
export interface AccountTaxForms {
  readonly account: string;
  readonly taxSetting: AccountTaxSetting;
  readonly form8949: Form8949;
  readonly scheduleD: ScheduleD;
  readonly totals: TaxTotals;
}

/** The year's filing package. */
export interface TaxForms {
  readonly year: number;
  readonly timezone: string;
  readonly rounding: string;
  /** True when the year has no disposal: the forms are empty, and say so. */
  readonly noDisposals: boolean;
  readonly form8949: Form8949;
  readonly scheduleD: ScheduleD;
  /** The ledger's exact totals (taxTotals). */
  readonly totals: TaxTotals;
  readonly accounts: AccountTaxForms[];
  readonly assets: AssetSummary[];
  /** Null when not asked for. */
  readonly openPositions: YearEndPosition[] | null;
}

/** The package of `accounts` (every covered account, with or without disposals). */
export function taxForms(
  allocations: readonly Allocation[],
  options: Form8949Options & { accounts: readonly string[]; openPositions?: YearEndPosition[] | null },
): TaxForms {
  const rows = taxReportRows(allocations, options);
  const form8949 = form8949Rows(rows, options);
  return {
    year: options.year,
    timezone: options.timezone ?? 'UTC',
    rounding: ROUNDING_RULE,
    noDisposals: rows.length === 0,
    form8949,
    scheduleD: scheduleD(form8949),
    totals: taxTotals(rows),
    accounts: options.accounts.map((account) => {
      const own = rows.filter((row) => row.account === account);
      const form = form8949Rows(own, options);
      return {
        account,
        taxSetting: options.taxSettings?.get(account) ?? NO_TAX_FORM,
        form8949: form,
        scheduleD: scheduleD(form),
        totals: taxTotals(own),
      };
    }),
    assets: assetSummaries(rows),
    openPositions: options.openPositions ?? null,
  };
}
