// The ledger's stored operations for the CLI (`ledger import|recompute|verify`, `tax report`) over a
// Store. The ledger's persistence lives in @hookline/ledger-store; these only hand it the store's
// client, so a command holds a Store and never a Prisma client.
import type { LedgerViolation } from '@hookline/ledger';
import type { ImportResult, RecomputedBook } from '@hookline/ledger-store';
import * as ledgerStore from '@hookline/ledger-store';
import { clientOf, type Store } from '../store.js';

/** How a fills CSV is imported: exchange, clock, default account, ledger rules, progress. */
export type LedgerImportOptions = Parameters<typeof ledgerStore.importLedgerCsv>[2];
/** Which books to recompute or verify, and the ledger rules. */
export type StoredLedgerOptions = NonNullable<Parameters<typeof ledgerStore.recomputeStoredLedger>[1]>;
/** Which tax year, in which timezone, for which account. */
export type TaxReportOptions = Parameters<typeof ledgerStore.storedTaxReport>[1];
/** The JSON report and the Form 8949 rows of one tax year. */
export type StoredTaxReport = Awaited<ReturnType<typeof ledgerStore.storedTaxReport>>;

/** Imports a fills CSV in one transaction (a file with any invalid row imports nothing). */
export async function importLedgerCsv(
  store: Store,
  path: string,
  options: LedgerImportOptions,
): Promise<ImportResult> {
  return await ledgerStore.importLedgerCsv(clientOf(store), path, options);
}

/** Rebuilds the allocations of every book in scope from its fills, each book in its own transaction. */
export async function recomputeStoredLedger(
  store: Store,
  options: StoredLedgerOptions = {},
): Promise<RecomputedBook[]> {
  return await ledgerStore.recomputeStoredLedger(clientOf(store), options);
}

/** Every broken ledger invariant (errors) and flag (warnings) in scope. */
export async function verifyStoredLedger(
  store: Store,
  options: StoredLedgerOptions = {},
): Promise<LedgerViolation[]> {
  return await ledgerStore.verifyStoredLedger(clientOf(store), options);
}

/** Which books `ledger verify` covers: one account by name (any mode) or every live account; one asset. */
export type ReportedLedgerOptions = NonNullable<Parameters<typeof ledgerStore.verifyReportedLedger>[1]>;

/** `ledger verify`: the broken invariants of the live accounts (or the one named), and which were covered. */
export async function verifyReportedLedger(
  store: Store,
  options: ReportedLedgerOptions = {},
): Promise<Awaited<ReturnType<typeof ledgerStore.verifyReportedLedger>>> {
  return await ledgerStore.verifyReportedLedger(clientOf(store), options);
}

/** The year's tax report from the stored allocations, over the live accounts or the one named. */
export async function storedTaxReport(store: Store, options: TaxReportOptions): Promise<StoredTaxReport> {
  return await ledgerStore.storedTaxReport(clientOf(store), options);
}
