// @hookline/ledger: the pure FIFO engine (lots, allocations, holding period), its invariant checker
// and the tax report rows. Depends only on @hookline/core; no I/O. Rules:
// docs/architecture.md "Ledger rules".

export { type AllocationRecord, toAllocationRecord } from './allocation-record.js';
export { type AssetSummary, assetSummaries } from './asset-summary.js';
export { calendarDayIn } from './calendar-date.js';
export { FifoEngine } from './fifo-engine.js';
export { tradingPair, valueFill } from './fill-valuation.js';
export {
  allForm8949Rows,
  type Form8949,
  type Form8949BoxSection,
  type Form8949Options,
  type Form8949Row,
  type Form8949Totals,
  form8949Rows,
} from './form-8949.js';
export { csvField, renderForm8949Csv } from './form-8949-csv.js';
export { holdingTerm } from './holding-period.js';
export {
  defaultUsdCurrencies,
  type LedgerOptions,
  type ResolvedLedgerOptions,
  resolveLedgerOptions,
} from './ledger-options.js';
export type { LedgerViolation } from './ledger-violation.js';
export { consumedLotKey, lotKey } from './lot-origin.js';
export { compareProcessingOrder } from './processing-order.js';
export { ledgerEvents, recompute } from './recompute.js';
export { type ScheduleD, type ScheduleDLine, scheduleD } from './schedule-d.js';
export { ledgerStateFromRows } from './state-from-rows.js';
export {
  type AccountTaxSetting,
  type Form8949Box,
  form8949Box,
  NO_TAX_FORM,
  partOf,
  scheduleDLine,
  TAX_FORMS,
  type TaxForm,
} from './tax-boxes.js';
export { type AccountTaxForms, ROUNDING_RULE, type TaxForms, taxForms } from './tax-forms.js';
export { renderTaxFormsHtml } from './tax-forms-html.js';
export { type TaxReport, type TaxTotals, taxReport, taxReportRows, taxTotals } from './tax-report.js';
export { checkTransfer, type LedgerTransfer, transferProblem } from './transfer.js';
export type { Allocation, LedgerFill, LedgerWarning, Lot } from './types.js';
export { verifyLedger } from './verify-ledger.js';
export { type YearEndPosition, yearEndPositions } from './year-end-positions.js';
