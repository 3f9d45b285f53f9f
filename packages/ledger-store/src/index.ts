// @hookline/ledger-store: the FIFO ledger's persistence. Fills, their order rows, allocations and
// aggregates are written in one transaction; the pure engine (@hookline/ledger) decides everything.

export { readAccountTaxSettings, setAccountTax } from './account-tax.js';
export {
  type AccountRecord,
  type CoveredAccount,
  coverageLine,
  listAccounts,
  recordImportedAccounts,
  registerAccount,
  reportAccounts,
} from './accounts.js';
export type { ReallocatedBook, RecomputedBook } from './book-results.js';
export { type ImportResult, importLedgerCsv } from './import-ledger-csv.js';
export type { FillChannel, NewFill } from './new-fill.js';
export { recomputeStoredLedger } from './recompute-stored-ledger.js';
export { type RecordFillsOptions, type RecordFillsResult, recordFills } from './record-fills.js';
export {
  type NewTransfer,
  type RecordTransferResult,
  recordTransfer,
  recordTransfers,
} from './record-transfer.js';
export { loadStoredLedger } from './stored-ledger.js';
export { type StoredTaxReportOptions, storedTaxReport } from './stored-tax-report.js';
export { verifyReportedLedger, verifyStoredLedger } from './verify-stored-ledger.js';
