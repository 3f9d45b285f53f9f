// The alerts rows ingress writes, and what became of each (alert-intake.ts, alert-intake-batch.ts).
import type { AlertRecordPayload } from '@hookline/schemas';

/** One alerts row as ingress writes it. */
export interface IntakeAlert {
  readonly id: string;
  readonly idempotencyKey: string;
  /** The body as received, with the passphrase masked (readable: U+FFFD where text cannot hold a byte). */
  readonly rawBody: string;
  /** The exact bytes of a body rawBody cannot hold exactly (invalid UTF-8, NUL), passphrase masked. */
  readonly rawBodyBytes?: Uint8Array | null;
  readonly payload: AlertRecordPayload;
  readonly remoteAddress: string;
  readonly status: 'ACCEPTED' | 'REJECTED' | 'DUPLICATE';
  readonly reason: string | null;
  readonly receivedAt: Date;
}

/** What happened to an insert under an idempotency key. */
export type IntakeOutcome =
  | { readonly inserted: true }
  | { readonly inserted: false; readonly existingId: string };

/** One row of a batch, and for a content key the previous window's key and since when it counts. */
export interface IntakeBatchWrite {
  readonly row: IntakeAlert;
  /** A row received at or after `since` under this key makes the write a duplicate of it. */
  readonly previous?: { readonly key: string; readonly since: Date } | undefined;
}

/** One row's outcome in a batch: inserted, its key held by another row, or this row's own failure. */
export type IntakeBatchOutcome = IntakeOutcome | Error;
