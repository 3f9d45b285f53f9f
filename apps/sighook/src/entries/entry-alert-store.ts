import type { PrismaClient } from '@hookline/db';
import type { SighookEntryAlert } from '@hookline/schemas';

/** The stored row under an entry's idempotency key: new, or the one an earlier poll or replica wrote. */
export type StoredEntryAlert =
  | { readonly inserted: true; readonly alertId: string }
  | { readonly inserted: false; readonly alertId: string; readonly status: string };

/**
 * Writes the entry as an ACCEPTED `alerts` row of source SIGHOOK, exactly as ingress writes an
 * accepted TradingView alert (same columns, payload in the normalised form the processor reads).
 * The unique idempotency key makes a second write of the same entry a no-op that names the first.
 */
export async function storeEntryAlert(
  prisma: PrismaClient,
  entry: SighookEntryAlert,
  row: { readonly id: string; readonly receivedAt: Date },
): Promise<StoredEntryAlert> {
  // ON CONFLICT DO NOTHING: a repeat is expected (restart, a second replica), not an exception.
  const count = await prisma.$executeRaw`
    INSERT INTO "alerts" ("id", "idempotency_key", "source", "raw_body", "parsed_payload",
      "remote_address", "status", "reason", "received_at")
    VALUES (${row.id}, ${entry.idempotencyKey}, 'SIGHOOK'::"alert_source", ${entry.rawBody},
      ${JSON.stringify(entry.payload)}::jsonb, NULL, 'ACCEPTED'::"alert_status", NULL, ${row.receivedAt})
    ON CONFLICT DO NOTHING`;
  if (count === 1) return { inserted: true, alertId: row.id };
  const existing = await prisma.alert.findUniqueOrThrow({
    where: { idempotencyKey: entry.idempotencyKey },
    select: { id: true, status: true },
  });
  return { inserted: false, alertId: existing.id, status: existing.status };
}
