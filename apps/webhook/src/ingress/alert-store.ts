import type { IntakeAlert, IntakeOutcome } from '@hookline/store';

/** One row of `alerts` as ingress writes it. */
export type AlertRow = IntakeAlert;

/** What happened to an insert under an idempotency key. */
export type InsertOutcome = IntakeOutcome;

/**
 * Where ingress records alerts; the unique idempotency key is what makes a repeat a duplicate.
 * @hookline/store's AlertIntakeStore is the database's.
 */
export interface AlertStorePort {
  /** Inserts unless a row already holds the key; then says which row does. */
  insertUnlessKeyExists(row: AlertRow): Promise<InsertOutcome>;
  /** Inserts a row whose key is known to be fresh (rejections, duplicates). */
  insert(row: AlertRow): Promise<void>;
  /** The id of the row under the key, if it was received at or after `since`. */
  findReceivedSince(idempotencyKey: string, since: Date): Promise<string | undefined>;
}
