// The reconciler (docs/architecture.md, "Reconciler"): createReconciler is the one entry point.
export { compareHoldings, defaultCashCurrencies } from './holdings-check.js';
export type {
  ImportedOrder,
  ReconcileError,
  ReconcileOutcome,
  ReconcileReport,
  ReconcileStep,
  ResolvedOrder,
  UnknownHolding,
  UnresolvedOrder,
  ZombiePosition,
} from './reconcile-report.js';
export {
  createReconciler,
  defaultReconcileIntervalMs,
  type Reconciler,
  type ReconcilerOptions,
} from './reconciler.js';
