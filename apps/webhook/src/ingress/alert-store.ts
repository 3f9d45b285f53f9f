import type { IntakeAlert, IntakeBatchOutcome, IntakeBatchWrite, IntakeOutcome } from '@hookline/store';

/** One row of `alerts` as ingress writes it. */
export type AlertRow = IntakeAlert;

/** What happened to an insert under an idempotency key. */
export type InsertOutcome = IntakeOutcome;

/** A row to insert, with the previous window's key for a content key. */
export type AlertWrite = IntakeBatchWrite;

/** The previous window's key of a content key, and since when a row under it still counts. */
export type PreviousKey = NonNullable<AlertWrite['previous']>;

/** One row's outcome in a batch: inserted, its key held by another row, or this row's own failure. */
export type BatchInsertOutcome = IntakeBatchOutcome;

/** Where the intake records alerts; the unique idempotency key is what makes a repeat a duplicate. */
export interface AlertStorePort {
  /**
   * Inserts unless a row already holds the key, or (given `previous`) a row received since then holds
   * the previous window's key; then says which row does.
   */
  insertUnlessKeyExists(row: AlertRow, previous?: PreviousKey): Promise<InsertOutcome>;
  /** Inserts a row whose key is known to be fresh (rejections, duplicates). */
  insert(row: AlertRow): Promise<void>;
}

/**
 * The database's side of the group commit (alert-group-commit.ts): many rows in one transaction, one
 * outcome per write in order; throws when nothing was stored. @hookline/store's AlertIntakeStore.
 */
export interface AlertBatchStorePort {
  insertBatch(writes: readonly AlertWrite[]): Promise<BatchInsertOutcome[]>;
}
