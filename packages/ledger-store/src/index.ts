// @hookline/ledger-store: the FIFO ledger's persistence. Fills, their order rows, allocations and
// aggregates are written in one transaction; the pure engine (@hookline/ledger) decides everything.

export { type BookKey, bookOf } from './book-key.js';
export { type ImportResult, importLedgerCsv } from './import-ledger-csv.js';
export type { FillChannel, NewFill, UnknownOrderOrigin } from './new-fill.js';
export { computeOrderAggregates, type OrderAggregates } from './order-aggregates.js';
export { type LedgerCsvReadResult, readLedgerCsv } from './read-ledger-csv.js';
export { type RecomputedBook, recomputeStoredLedger } from './recompute-stored-ledger.js';
export { type RecordFillsOptions, type RecordFillsResult, recordFills } from './record-fills.js';
export { toAllocation, toAllocationInput, toLedgerFill } from './row-mapping.js';
export { type LedgerScope, loadStoredLedger } from './stored-ledger.js';
export { storedTaxReport } from './stored-tax-report.js';
export { verifyStoredLedger } from './verify-stored-ledger.js';
