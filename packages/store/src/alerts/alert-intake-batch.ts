// Ingress's group commit: the alerts rows of many concurrent requests in one INSERT (one statement,
// so one transaction: every row of it is committed, or none), over the pg pool under Prisma with
// named prepared statements. The statement's text does not depend on the batch's size (the rows go in
// as one array per column, read back with unnest), so one prepared statement per connection serves
// every batch, and Prisma's per-parameter work in JavaScript is skipped.
import type { pgPoolOf } from '@hookline/db';
import type { IntakeAlert, IntakeBatchWrite, IntakeOutcome } from './alert-intake-rows.js';

type Pool = NonNullable<ReturnType<typeof pgPoolOf>>;

// ON CONFLICT DO NOTHING: a key already held is an expected outcome (a duplicate), not an exception;
// RETURNING says which rows went in. Keys are made unique within the batch before it is sent.
const INSERT_BATCH = {
  name: 'hookline_alerts_insert_batch',
  text: `INSERT INTO "alerts" ("id", "account", "idempotency_key", "source", "raw_body", "raw_body_bytes",
      "parsed_payload", "remote_address", "status", "reason", "received_at")
    SELECT r.id, $10::text, r.idempotency_key, 'TRADINGVIEW'::"alert_source", r.raw_body, r.raw_body_bytes,
      r.payload::jsonb, r.remote_address, r.status::"alert_status", r.reason, r.received_at
    FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::text[], $6::text[], $7::text[],
      $8::text[], $9::timestamptz[])
      AS r(id, idempotency_key, raw_body, raw_body_bytes, payload, remote_address, status, reason, received_at)
    ON CONFLICT DO NOTHING
    RETURNING "id"`,
} as const;

// The rows already stored under a write's previous key (content keys: the window before) since its
// time, by the write's position (1-based, WITH ORDINALITY).
const PREVIOUS_HOLDERS = {
  name: 'hookline_alerts_previous_holders',
  text: `SELECT p.ord::int AS "ord", a."id" FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY
      AS p(idempotency_key, since, ord)
    JOIN "alerts" a ON a."account" = $3 AND a."idempotency_key" = p.idempotency_key
      AND a."received_at" >= p.since`,
} as const;

// Read after the insert has finished, so it sees a row a concurrent transaction committed while the
// insert waited on its key.
const HOLDERS_OF_KEYS = {
  name: 'hookline_alerts_holders_of_keys',
  text: `SELECT "idempotency_key", "id" FROM "alerts" WHERE "account" = $2 AND "idempotency_key" = ANY($1::text[])`,
} as const;

/**
 * Inserts the rows of one account in one statement, each unless a row of the account already holds its key (or, for a write with a
 * previous key, a row received since its time holds that one: read first, in one statement too);
 * answers one outcome per write, in order. Two rows of the batch with the same key: the first is
 * inserted (or meets the row already stored), and the later one is a duplicate of whichever row holds
 * the key. Throws when a statement fails before the insert has committed (then no row of the batch
 * was inserted); after it, a row whose holder could not be read gets that error as its outcome, and
 * the inserted rows keep theirs.
 */
export async function insertAlertBatch(
  pool: Pool,
  account: string,
  writes: readonly IntakeBatchWrite[],
): Promise<Array<IntakeOutcome | Error>> {
  const earlier = await readPreviousHolders(pool, account, writes);
  const rows = writes.filter((_, index) => !earlier.has(index)).map((write) => write.row);
  const firstOfKey = new Map<string, IntakeAlert>();
  for (const row of rows) if (!firstOfKey.has(row.idempotencyKey)) firstOfKey.set(row.idempotencyKey, row);
  const distinct = [...firstOfKey.values()];
  const inserted =
    distinct.length === 0
      ? { rows: [] }
      : await pool.query<{ id: string }>({ ...INSERT_BATCH, values: [...columnsOf(distinct), account] });
  const insertedIds = new Set(inserted.rows.map((row) => row.id));
  const holders = new Map<string, string>();
  for (const row of distinct) if (insertedIds.has(row.id)) holders.set(row.idempotencyKey, row.id);
  const unsettled = distinct.filter((row) => !insertedIds.has(row.id)).map((row) => row.idempotencyKey);
  const lookup = unsettled.length === 0 ? undefined : await readHolders(pool, account, unsettled, holders);
  return writes.map(({ row }, index) => {
    const earlierId = earlier.get(index);
    if (earlierId !== undefined) return { inserted: false, existingId: earlierId };
    if (insertedIds.has(row.id)) return { inserted: true };
    const existingId = holders.get(row.idempotencyKey);
    if (existingId !== undefined) return { inserted: false, existingId };
    // The look-up failed, or the row holding the key was gone again by then (deleted in between).
    return lookup ?? new Error(`no alerts row holds the key ${row.idempotencyKey}`);
  });
}

// The id of the row holding each write's previous key, by the write's index (0-based).
async function readPreviousHolders(
  pool: Pool,
  account: string,
  writes: readonly IntakeBatchWrite[],
): Promise<Map<number, string>> {
  const held = new Map<number, string>();
  if (!writes.some((write) => write.previous !== undefined)) return held;
  const found = await pool.query<{ ord: number; id: string }>({
    ...PREVIOUS_HOLDERS,
    // A write without a previous key asks for a key no row can hold (keys are never empty).
    values: [
      writes.map((write) => write.previous?.key ?? ''),
      writes.map((write) => write.previous?.since ?? null),
      account,
    ],
  });
  for (const row of found.rows) if (!held.has(row.ord - 1)) held.set(row.ord - 1, row.id);
  return held;
}

// Fills `holders` with the ids of the rows holding `keys`; a failure is returned, not thrown.
async function readHolders(
  pool: Pool,
  account: string,
  keys: readonly string[],
  holders: Map<string, string>,
): Promise<Error | undefined> {
  try {
    const found = await pool.query<{ idempotency_key: string; id: string }>({
      ...HOLDERS_OF_KEYS,
      values: [keys, account],
    });
    for (const row of found.rows) holders.set(row.idempotency_key, row.id);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function columnsOf(rows: readonly IntakeAlert[]): unknown[][] {
  return [
    rows.map((row) => row.id),
    rows.map((row) => row.idempotencyKey),
    rows.map((row) => row.rawBody),
    // pg writes a Buffer element of an array as bytea; a bare Uint8Array it would not.
    rows.map((row) => (row.rawBodyBytes == null ? null : Buffer.from(row.rawBodyBytes))),
    rows.map((row) => JSON.stringify(row.payload)),
    rows.map((row) => row.remoteAddress),
    rows.map((row) => row.status),
    rows.map((row) => row.reason),
    rows.map((row) => row.receivedAt),
  ];
}
