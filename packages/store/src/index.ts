// @hookline/store: every database read and write of the apps, one module per table group (alerts and
// decisions, orders and fills, positions and position state, signal matrix). Apps hold an opaque
// Store and call these typed functions; only this package (and the ledger's own ledger-store) talks
// to Prisma or SQL. Exports are sorted by module path, so they read grouped by table group.

/** The ledger's fill and result types, for callers of recordExchangeFills. */
export type {
  AccountRecord,
  CoveredAccount,
  NewFill,
  NewTransfer,
  RecordFillsResult,
  RecordTransferResult,
} from '@hookline/ledger-store';
export { coverageLine } from '@hookline/ledger-store';
export { listAccounts, registerAccount, setAccountTax } from './accounts/accounts.js';
export {
  AlertIntakeStore,
  type IntakeAlert,
  type IntakeBatchOutcome,
  type IntakeBatchWrite,
  type IntakeOutcome,
} from './alerts/alert-intake.js';
export { countAlertsByStatus, countDecisionsByOutcome } from './alerts/alert-metrics.js';
export {
  type AlertCursor,
  findAlert,
  markAlertFailed,
  readStaleAcceptedAlerts,
  type StaleAlert,
} from './alerts/alert-queue.js';
export { type ControlDecisionWrite, writeControlDecision } from './alerts/control-decisions.js';
export {
  type AlertListQuery,
  type DecisionListQuery,
  listAlerts,
  listDecisions,
} from './alerts/decision-queries.js';
export {
  type AlertDecision,
  type AlertToDecide,
  type FileEntryDecision,
  findAlertDecision,
  readAlertToDecide,
  recordAlertDecision,
  writeFileEntryDecision,
} from './alerts/entry-decisions.js';
export {
  type AlertExitDecisionResult,
  type AlertExitDecisionWrite,
  completeExitDecision,
  type ExitDecisionWrite,
  readActiveExitDecisions,
  readExitDecision,
  writeAlertExitDecision,
  writeExitDecision,
  writeExitDecisions,
} from './alerts/exit-decisions.js';
export {
  closeExitPriceCap,
  countExitPriceCapEpisodes,
  countExitsHeldAtCap,
  type ExitPriceCapEpisode,
  type ExitReasonCount,
  exitPriceCappedCode,
  openExitPriceCap,
} from './alerts/exit-price-caps.js';
export {
  hasPendingSighookEntry,
  insertSighookEntryAlert,
  type StoredEntryAlert,
} from './alerts/sighook-entries.js';
export {
  type ExitDetail,
  type ExitFinishWrite,
  type ExitListQuery,
  type ExitStartWrite,
  type ExitTrigger,
  type ExitView,
  listExits,
  readExit,
  recordExitFinish,
  recordExitStart,
} from './exits/exit-records.js';
export {
  readSentinelMemory,
  type SentinelMemoryEntry,
  type SentinelMemoryKey,
  writeSentinelMemory,
} from './exits/sentinel-memory.js';
export {
  importLedgerCsv,
  type LedgerImportOptions,
  type ReportedLedgerOptions,
  recomputeStoredLedger,
  type StoredLedgerOptions,
  type StoredTaxReport,
  storedTaxReport,
  type TaxReportOptions,
  verifyReportedLedger,
  verifyStoredLedger,
} from './ledger/ledger-commands.js';
export {
  clearLedgerSyncCursor,
  type LedgerSyncKey,
  type LedgerSyncPosition,
  readLedgerSyncCursor,
  saveLedgerSyncCursor,
} from './ledger/ledger-sync-cursors.js';
export { type RecordTransferOptions, recordTransfer, recordTransfers } from './ledger/transfer-commands.js';
export { ledgerOptionsFromConfig } from './ledger-settings.js';
export { type AccountLockName, withAccountLock } from './locks/account-lock.js';
export { type NewestMatrixRowsQuery, readNewestMatrixRows, writeMatrixRows } from './matrix/matrix-rows.js';
export {
  type EntriesInFlightQuery,
  entryInFlightStatuses,
  type OrderCursor,
  readEntriesInFlight,
} from './orders/entries-in-flight.js';
export {
  type FillPageOptions,
  type FillScope,
  linkFillsToOrders,
  recordExchangeFillPage,
  recordExchangeFills,
} from './orders/exchange-fills.js';
export {
  readExitOrders,
  readWorkingOrdersOnSymbol,
  readWorkingSells,
  type WorkingOrdersQuery,
} from './orders/exit-orders.js';
export { type ImportScope, importExchangeOrder, isOrderKnown } from './orders/imported-orders.js';
export { readAccountLedger } from './orders/ledger-holdings.js';
export { clientOrderIdOf, type OrderIntent, writeOrderIntent } from './orders/order-intents.js';
export { countOrdersByStatus, type FillTiming, readFillTimingsAfter } from './orders/order-metrics.js';
export {
  type FillListQuery,
  listFills,
  listOrders,
  type OrderListQuery,
} from './orders/order-queries.js';
export {
  applyOrderEvent,
  type EventOutcome,
  findOrderByClientOrderId,
  findOrderByExchangeOrderId,
  linkExchangeOrderId,
  type OrderPatch,
} from './orders/order-status.js';
export {
  countFillsOfOrder,
  markOrderReconciled,
  readOrdersInFlight,
} from './orders/orders-in-flight.js';
export { readWorkingProtectiveStops, type WorkingProtectiveStop } from './orders/protective-stops.js';
export {
  type RecentExit,
  readRealizedPnlSince,
  readRecentExits,
  readRecentOrderTimes,
  readWorkingOrders,
} from './orders/risk-reads.js';
export { hasWorkingBuy } from './orders/working-orders.js';
export {
  holdsPosition,
  isDust,
  type OpenLot,
  type OpenPosition,
  type OpenPositionsQuery,
  readLedgerVersion,
  readOpenLots,
  readOpenPositions,
} from './positions/open-positions.js';
export {
  PositionStateStore,
  type StoredPositionState,
  type StoredTrailingState,
} from './positions/position-state.js';
export type {
  AlertRecord,
  DecisionRecord,
  FillRecord,
  OrderRecord,
} from './records.js';
export { type BacktestTradeRow, readBacktestTrades } from './reports/backtest-trades.js';
export {
  type ChangeCursor,
  type Changes,
  readChangeCursor,
  readChangesSince,
} from './reports/live-changes.js';
export {
  type PeriodMoney,
  readDailyRealizedPnl,
  readExitPnl,
  readOpenPositionsForMoney,
  readPeriodMoney,
  readRealizedPnlTotal,
} from './reports/money-reads.js';
export {
  type ReplayExit,
  type ReplayFill,
  type ReplayNotSold,
  type ReplayOrder,
  type ReplayReport,
  readReplayReport,
} from './reports/replay-report.js';
export { toDbSide } from './side.js';
export { type Store, type StoreOptions, type StoreSource, storeOf } from './store.js';
