// @hookline/ledger: the pure FIFO engine (lots, allocations, holding period), its invariant checker
// and the tax report rows. Depends only on @hookline/core; no I/O. Rules:
// docs/architecture.md "Ledger rules".

export { type AllocationRecord, toAllocationRecord } from './allocation-record.js';
export { calendarDayIn } from './calendar-date.js';
export { FifoEngine } from './fifo-engine.js';
export { tradingPair, valueFill } from './fill-valuation.js';
export { type Form8949, form8949Rows } from './form-8949.js';
export { csvField, renderForm8949Csv } from './form-8949-csv.js';
export { holdingTerm } from './holding-period.js';
export { defaultUsdCurrencies, type LedgerOptions, resolveLedgerOptions } from './ledger-options.js';
export type { LedgerViolation } from './ledger-violation.js';
export { consumedLotKey, lotKey } from './lot-origin.js';
export { compareProcessingOrder } from './processing-order.js';
export { ledgerEvents, recompute } from './recompute.js';
export { ledgerStateFromRows } from './state-from-rows.js';
export { type TaxReport, taxReport } from './tax-report.js';
export { checkTransfer, type LedgerTransfer, transferProblem } from './transfer.js';
export type { Allocation, LedgerFill, LedgerWarning, Lot } from './types.js';
export { verifyLedger } from './verify-ledger.js';
