// The alerts table as ingress writes it: every alert is stored before it is answered (ACCEPTED,
// REJECTED or DUPLICATE), under the deployment's account, and the idempotency key (unique per
// account) is what makes a repeat a duplicate.
import { type Prisma, pgPoolOf } from '@hookline/db';
import { clientOf, type Store } from '../store.js';
import { insertAlertBatch } from './alert-intake-batch.js';
import type {
  IntakeAlert,
  IntakeBatchOutcome,
  IntakeBatchWrite,
  IntakeOutcome,
} from './alert-intake-rows.js';

export type { IntakeAlert, IntakeBatchOutcome, IntakeBatchWrite, IntakeOutcome };

/**
 * Ingress's writes and key look-ups on the alerts table (TradingView alerts), for one account: every
 * row it writes carries the account, and a key is a duplicate only of a row of the same account.
 */
export class AlertIntakeStore {
  readonly #prisma: ReturnType<typeof clientOf>;
  readonly #pool: ReturnType<typeof pgPoolOf>;
  readonly #account: string;

  constructor(store: Store, account: string) {
    this.#prisma = clientOf(store);
    this.#pool = pgPoolOf(this.#prisma);
    this.#account = account;
  }

  /**
   * Inserts the rows, each unless a row already holds its key (or its previous key since its time), in
   * one statement (one transaction) on a PostgreSQL server; one outcome per write, in order
   * (alert-intake-batch.ts). Throws when the insert fails: then none of the rows is stored. On PGlite,
   * which has no pg pool, the rows go in one by one.
   */
  async insertBatch(writes: readonly IntakeBatchWrite[]): Promise<IntakeBatchOutcome[]> {
    if (this.#pool !== undefined) return await insertAlertBatch(this.#pool, this.#account, writes);
    const outcomes: IntakeBatchOutcome[] = [];
    for (const { row, previous } of writes) {
      const earlier =
        previous === undefined ? undefined : await this.findReceivedSince(previous.key, previous.since);
      outcomes.push(
        earlier === undefined
          ? await this.insertUnlessKeyExists(row)
          : { inserted: false, existingId: earlier },
      );
    }
    return outcomes;
  }

  /** Inserts unless a row already holds the key; then says which row does. */
  async insertUnlessKeyExists(row: IntakeAlert): Promise<IntakeOutcome> {
    // ON CONFLICT DO NOTHING: a duplicate is an expected outcome, not an exception on the hot path.
    // Plain SQL: the ORM's createMany compiles its query anew for every JSON payload (≈1.5 ms of CPU
    // per alert, the largest cost of ingest); this statement is the same one it generated.
    const count = await this.#prisma.$executeRaw`
      INSERT INTO "alerts" ("id", "account", "idempotency_key", "source", "raw_body", "raw_body_bytes",
        "parsed_payload", "remote_address", "status", "reason", "received_at")
      VALUES (${row.id}, ${this.#account}, ${row.idempotencyKey}, 'TRADINGVIEW'::"alert_source", ${row.rawBody},
        ${row.rawBodyBytes ?? null}, ${JSON.stringify(row.payload)}::jsonb, ${row.remoteAddress},
        ${row.status}::"alert_status", ${row.reason}, ${row.receivedAt})
      ON CONFLICT DO NOTHING`;
    if (count === 1) return { inserted: true };
    const existing = await this.#prisma.alert.findUniqueOrThrow({
      where: { account_idempotencyKey: { account: this.#account, idempotencyKey: row.idempotencyKey } },
      select: { id: true },
    });
    return { inserted: false, existingId: existing.id };
  }

  /** Inserts a row whose key is known to be fresh (rejections, duplicates). */
  async insert(row: IntakeAlert): Promise<void> {
    await this.#prisma.alert.create({ data: toData(this.#account, row), select: { id: true } });
  }

  /** The id of the row under the key, if it was received at or after `since`. */
  async findReceivedSince(idempotencyKey: string, since: Date): Promise<string | undefined> {
    const row = await this.#prisma.alert.findFirst({
      where: { account: this.#account, idempotencyKey, receivedAt: { gte: since } },
      select: { id: true },
    });
    return row?.id;
  }
}

function toData(account: string, row: IntakeAlert): Prisma.AlertCreateManyInput {
  return {
    id: row.id,
    account,
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
