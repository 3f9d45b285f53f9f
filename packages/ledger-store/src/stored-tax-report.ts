// `tax report`: the year's allocations from the database, with the holding period re-derived on the
// report's timezone (the stored term used the ledger's configured timezone, which may differ), the
// accounts' tax configuration (Form 8949 boxes) and, when asked, the open positions at year end.
import type { Decimal } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import {
  type Allocation,
  calendarDayIn,
  type Form8949,
  form8949Rows,
  holdingTerm,
  type LedgerOptions,
  type TaxForms,
  type TaxReport,
  taxForms,
  taxReport,
  yearEndPositions,
} from '@hookline/ledger';
import { readAccountTaxSettings } from './account-tax.js';
import { type CoveredAccount, reportAccounts } from './accounts.js';
import { toAllocation, toLedgerFill } from './row-mapping.js';

/** Which year, on which calendar, over which accounts; `openPositions` asks for year-end holdings. */
export interface StoredTaxReportOptions {
  readonly year: number;
  readonly timezone: string;
  readonly account?: string | undefined;
  /** Prices to value year-end holdings at (an asset without one is valued `unknown`). */
  readonly openPositions?: { readonly prices: ReadonlyMap<string, Decimal>; readonly ledger?: LedgerOptions };
}

/**
 * The JSON report, the Form 8949 rows and the filing package of one tax year, over the live
 * accounts, or over the one account named (paper included); `accounts` says which were covered.
 */
export async function storedTaxReport(
  prisma: PrismaClient,
  options: StoredTaxReportOptions,
): Promise<{ report: TaxReport; form8949: Form8949; forms: TaxForms; accounts: CoveredAccount[] }> {
  const accounts = await reportAccounts(prisma, options.account);
  const names = accounts.map((covered) => covered.name);
  const account = { in: names };
  // A day of slack on each side: the calendar year in the tax timezone decides, not the UTC year.
  const from = new Date(Date.UTC(options.year - 1, 11, 31));
  const to = new Date(Date.UTC(options.year + 1, 0, 2));
  const rows = await prisma.fifoAllocation.findMany({
    where: { account, sellTime: { gte: from, lt: to } },
  });
  const flagged = await prisma.fill.findMany({
    where: { feeUnvalued: true, account },
    select: { id: true },
  });
  const dayOf = calendarDayIn(options.timezone);
  const allocations: Allocation[] = rows.map(toAllocation).map((allocation) => ({
    ...allocation,
    term: allocation.buyTime ? holdingTerm(dayOf(allocation.buyTime), dayOf(allocation.sellTime)) : null,
  }));
  const taxSettings = await readAccountTaxSettings(prisma, names);
  const yearOptions = { year: options.year, timezone: options.timezone, taxSettings };
  const openPositions = options.openPositions
    ? yearEndPositions(await fillsUpTo(prisma, names, to), { ...yearOptions, ...options.openPositions })
    : null;
  return {
    report: taxReport(allocations, { ...yearOptions, unvaluedFeeFillIds: flagged.map((row) => row.id) }),
    form8949: form8949Rows(allocations, yearOptions),
    forms: taxForms(allocations, { ...yearOptions, accounts: names, openPositions }),
    accounts,
  };
}

/** The accounts' fills executed before `to`, in processing order (the engine cuts at the year's end). */
async function fillsUpTo(prisma: PrismaClient, names: readonly string[], to: Date) {
  const rows = await prisma.fill.findMany({
    where: { account: { in: [...names] }, executedAt: { lt: to } },
    orderBy: [{ executedAt: 'asc' }, { arrivalSeq: 'asc' }],
  });
  return rows.map(toLedgerFill);
}
