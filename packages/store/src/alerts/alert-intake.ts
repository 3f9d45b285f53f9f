// The alerts table as ingress writes it: every alert is stored before it is answered (ACCEPTED,
// REJECTED or DUPLICATE), and the unique idempotency key is what makes a repeat a duplicate.
import type { Prisma } from '@hookline/db';
import type { AlertRecordPayload } from '@hookline/schemas';
import { clientOf, type Store } from '../store.js';

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

/** Ingress's writes and key look-ups on the alerts table (TradingView alerts). */
export class AlertIntakeStore {
  readonly #prisma: ReturnType<typeof clientOf>;

  constructor(store: Store) {
    this.#prisma = clientOf(store);
  }

  /** Inserts unless a row already holds the key; then says which row does. */
  async insertUnlessKeyExists(row: IntakeAlert): Promise<IntakeOutcome> {
    // ON CONFLICT DO NOTHING: a duplicate is an expected outcome, not an exception on the hot path.
    // Plain SQL: the ORM's createMany compiles its query anew for every JSON payload (≈1.5 ms of CPU
    // per alert, the largest cost of ingest); this statement is the same one it generated.
    const count = await this.#prisma.$executeRaw`
      INSERT INTO "alerts" ("id", "idempotency_key", "source", "raw_body", "raw_body_bytes",
        "parsed_payload", "remote_address", "status", "reason", "received_at")
      VALUES (${row.id}, ${row.idempotencyKey}, 'TRADINGVIEW'::"alert_source", ${row.rawBody},
        ${row.rawBodyBytes ?? null}, ${JSON.stringify(row.payload)}::jsonb, ${row.remoteAddress},
        ${row.status}::"alert_status", ${row.reason}, ${row.receivedAt})
      ON CONFLICT DO NOTHING`;
    if (count === 1) return { inserted: true };
    const existing = await this.#prisma.alert.findUniqueOrThrow({
      where: { idempotencyKey: row.idempotencyKey },
      select: { id: true },
    });
    return { inserted: false, existingId: existing.id };
  }

  /** Inserts a row whose key is known to be fresh (rejections, duplicates). */
  async insert(row: IntakeAlert): Promise<void> {
    await this.#prisma.alert.create({ data: toData(row), select: { id: true } });
  }

  /** The id of the row under the key, if it was received at or after `since`. */
  async findReceivedSince(idempotencyKey: string, since: Date): Promise<string | undefined> {
    const row = await this.#prisma.alert.findFirst({
      where: { idempotencyKey, receivedAt: { gte: since } },
      select: { id: true },
    });
    return row?.id;
  }
}

function toData(row: IntakeAlert): Prisma.AlertCreateManyInput {
  return {
    id: row.id,
    idempotencyKey: row.idempotencyKey,
    source: 'TRADINGVIEW',
    rawBody: row.rawBody,
    rawBodyBytes:
      row.rawBodyBytes === undefined || row.rawBodyBytes === null ? null : Uint8Array.from(row.rawBodyBytes),
    parsedPayload: row.payload as Prisma.InputJsonValue,
    remoteAddress: row.remoteAddress,
    status: row.status,
    reason: row.reason,
    receivedAt: row.receivedAt,
  };
}
