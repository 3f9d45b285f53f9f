// @hookline/store: every database read and write of the apps, one module per table group (alerts and
// decisions, orders and fills, positions and position state, signal matrix). Apps hold an opaque
// Store and call these typed functions; only this package (and the ledger's own ledger-store) talks
// to Prisma or SQL.

// exits: the decisions and orders of the exit sentinel and executor
export {
  completeExitDecision,
  type ExitDecisionWrite,
  readActiveExitDecisions,
  readExitDecision,
  writeExitDecision,
  writeExitDecisions,
} from './alerts/exit-decisions.js';
export {
  type ExchangeOrderSync,
  findExitOrder,
  readExitOrders,
  readWorkingOrdersOnSymbol,
  readWorkingSells,
  syncExitOrderWithExchange,
  type WorkingOrdersQuery,
} from './orders/exit-orders.js';
// end exits

export { ledgerOptionsFromConfig } from './ledger-settings.js';
export {
  holdsPosition,
  isDust,
  type OpenPosition,
  type OpenPositionsQuery,
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
  MatrixRecord,
  OrderRecord,
  PositionStateRecord,
} from './records.js';
export { fromDbSide, toDbSide } from './side.js';
export { type Store, type StoreOptions, storeOf } from './store.js';
