// @hookline/ledger: the pure FIFO engine (lots, allocations, holding period), its invariant checker
// and the tax report rows. Depends only on @hookline/core; no I/O. Rules: architecture.md "Ledger rules".

export { type AllocationRecord, toAllocationRecord } from './allocation-record.js';
export { type CalendarDay, calendarDayIn, formatIsoDate, formatUsDate } from './calendar-date.js';
export { compareAllocations } from './compare-allocations.js';
export { FifoEngine } from './fifo-engine.js';
export { type FillValuation, type TradingPair, tradingPair, valueFill } from './fill-valuation.js';
export {
  type Form8949,
  type Form8949Row,
  type Form8949Section,
  type Form8949Totals,
  form8949Rows,
} from './form-8949.js';
export { csvField, renderForm8949Csv } from './form-8949-csv.js';
export { anniversaryOf, holdingTerm } from './holding-period.js';
export {
  defaultUsdCurrencies,
  type LedgerOptions,
  type ResolvedLedgerOptions,
  resolveLedgerOptions,
} from './ledger-options.js';
export type { LedgerState, ProcessingCursor } from './ledger-state.js';
export type { LedgerRule, LedgerViolation } from './ledger-violation.js';
export { compareProcessingOrder, type ProcessingKey, sortIntoProcessingOrder } from './processing-order.js';
export { type LedgerResult, recompute } from './recompute.js';
export { ledgerStateFromRows } from './state-from-rows.js';
export {
  type ShortfallRecord,
  type TaxReport,
  type TaxReportOptions,
  type TaxTotals,
  type TaxYearOptions,
  taxReport,
  taxReportRows,
  taxTotals,
} from './tax-report.js';
export type {
  Allocation,
  AllocationKind,
  ApplyResult,
  FillSide,
  LedgerFill,
  LedgerWarning,
  LedgerWarningCode,
  Lot,
  Term,
} from './types.js';
export { verifyLedger } from './verify-ledger.js';
