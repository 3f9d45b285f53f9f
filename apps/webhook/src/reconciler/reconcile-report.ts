import type { OrderStatus } from '@hookline/core';

/** A working order of ours whose status the reconciler brought to the exchange's. */
export interface ResolvedOrder {
  readonly clientOrderId: string;
  readonly orderId: string | null;
  readonly symbol: string;
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  readonly reason: string;
}

/** A working order the reconciler looked up but left as it was, and why. */
export interface UnresolvedOrder {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly status: OrderStatus;
  readonly reason: string;
}

/** An order found at the exchange that we had no row for, now in trade_records (trigger RECONCILED). */
export interface ImportedOrder {
  readonly orderId: string;
  /** The client order id the exchange reports (not ours); the row gets a synthesized one. */
  readonly exchangeClientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly status: OrderStatus;
}

/** The ledger holds open lots of an asset the exchange does not hold (or holds less of). */
export interface ZombiePosition {
  readonly symbol: string;
  readonly asset: string;
  readonly ledgerQuantity: string;
  readonly exchangeQuantity: string;
}

/** The exchange holds an asset (or more of it) than the ledger's open lots account for. */
export interface UnknownHolding {
  readonly symbol: string;
  readonly asset: string;
  readonly ledgerQuantity: string;
  readonly exchangeQuantity: string;
}

/** Why a step of a run failed. */
export interface ReconcileError {
  readonly step: ReconcileStep;
  /** The stable code (ExchangeError kind, HooklineError code) or `UNEXPECTED`. */
  readonly code: string;
  readonly message: string;
}

/** The steps of one run, in the order they run. */
export type ReconcileStep = 'lease' | 'ordersInFlight' | 'openOrders' | 'fills' | 'holdings';

/** COMPLETED: every step ran; FAILED: a step threw (see errors); SKIPPED: another replica holds the lease. */
export type ReconcileOutcome = 'COMPLETED' | 'FAILED' | 'SKIPPED';

/** What one reconciliation run found and did. Quantities are decimal strings. */
export interface ReconcileReport {
  readonly account: string;
  readonly exchange: string;
  readonly outcome: ReconcileOutcome;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly ordersResolved: readonly ResolvedOrder[];
  readonly ordersUnresolved: readonly UnresolvedOrder[];
  readonly ordersImported: readonly ImportedOrder[];
  readonly fillsInserted: number;
  readonly zombies: readonly ZombiePosition[];
  readonly unknownHoldings: readonly UnknownHolding[];
  readonly errors: readonly ReconcileError[];
}

/** The mutable report a run fills in step by step. */
export interface ReportDraft {
  ordersResolved: ResolvedOrder[];
  ordersUnresolved: UnresolvedOrder[];
  ordersImported: ImportedOrder[];
  fillsInserted: number;
  zombies: ZombiePosition[];
  unknownHoldings: UnknownHolding[];
  errors: ReconcileError[];
}

/** An empty draft. */
export function emptyDraft(): ReportDraft {
  return {
    ordersResolved: [],
    ordersUnresolved: [],
    ordersImported: [],
    fillsInserted: 0,
    zombies: [],
    unknownHoldings: [],
    errors: [],
  };
}
