// `tax report`: the year's allocations from the database, with the holding period re-derived on the
// report's timezone (the stored term used the ledger's configured timezone, which may differ).
import type { PrismaClient } from '@hookline/db';
import {
  type Allocation,
  calendarDayIn,
  type Form8949,
  form8949Rows,
  holdingTerm,
  type TaxReport,
  taxReport,
} from '@hookline/ledger';
import { type CoveredAccount, reportAccounts } from './accounts.js';
import { toAllocation } from './row-mapping.js';

/**
 * The JSON report and the Form 8949 rows of one tax year, over the live accounts, or over the one
 * account named (paper included); `accounts` says which were covered.
 */
export async function storedTaxReport(
  prisma: PrismaClient,
  options: { year: number; timezone: string; account?: string | undefined },
): Promise<{ report: TaxReport; form8949: Form8949; accounts: CoveredAccount[] }> {
  const accounts = await reportAccounts(prisma, options.account);
  const account = { in: accounts.map((covered) => covered.name) };
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
  const yearOptions = { year: options.year, timezone: options.timezone };
  return {
    report: taxReport(allocations, { ...yearOptions, unvaluedFeeFillIds: flagged.map((row) => row.id) }),
    form8949: form8949Rows(allocations, yearOptions),
    accounts,
  };
}
