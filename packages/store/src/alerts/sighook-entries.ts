// sighook's entries in the alerts table: the ACCEPTED alert of source SIGHOOK it writes for a BUY row
// (the webhook's worker then processes it like a TradingView alert), and the read that says whether
// an earlier entry on a symbol is still waiting for the webhook's decision.
import type { SighookEntryAlert } from '@hookline/schemas';
import { clientOf, type Store } from '../store.js';

/** The stored row under an entry's idempotency key: new, or the one an earlier poll or replica wrote. */
export type StoredEntryAlert =
  | { readonly inserted: true; readonly alertId: string }
  | { readonly inserted: false; readonly alertId: string; readonly status: string };

/**
 * Writes the entry as an ACCEPTED `alerts` row of source SIGHOOK for the account, exactly as ingress
 * writes an accepted TradingView alert (same columns, payload in the normalised form the processor
 * reads). The idempotency key, unique per account, makes a second write of the same entry a no-op that
 * names the first.
 */
export async function insertSighookEntryAlert(
  store: Store,
  account: string,
  entry: SighookEntryAlert,
  row: { readonly id: string; readonly receivedAt: Date },
): Promise<StoredEntryAlert> {
  const prisma = clientOf(store);
  // ON CONFLICT DO NOTHING: a repeat is expected (restart, a second replica), not an exception.
  const count = await prisma.$executeRaw`
    INSERT INTO "alerts" ("id", "account", "idempotency_key", "source", "raw_body", "parsed_payload",
      "remote_address", "status", "reason", "received_at")
    VALUES (${row.id}, ${account}, ${entry.idempotencyKey}, 'SIGHOOK'::"alert_source", ${entry.rawBody},
      ${JSON.stringify(entry.payload)}::jsonb, NULL, 'ACCEPTED'::"alert_status", NULL, ${row.receivedAt})
    ON CONFLICT DO NOTHING`;
  if (count === 1) return { inserted: true, alertId: row.id };
  const existing = await prisma.alert.findUniqueOrThrow({
    where: { account_idempotencyKey: { account, idempotencyKey: entry.idempotencyKey } },
    select: { id: true, status: true },
  });
  return { inserted: false, alertId: existing.id, status: existing.status };
}

/**
 * Whether a sighook entry of the account on the symbol other than `exceptKey` (the current entry's own
 * idempotency key) is still ACCEPTED: written, but not yet decided by the webhook.
 */
export async function hasPendingSighookEntry(
  store: Store,
  query: { readonly account: string; readonly symbol: string; readonly exceptKey: string },
): Promise<boolean> {
  const pending = await clientOf(store).alert.findFirst({
    where: {
      account: query.account,
      source: 'SIGHOOK',
      status: 'ACCEPTED',
      idempotencyKey: { not: query.exceptKey },
      parsedPayload: { path: ['alert', 'symbol'], equals: query.symbol },
    },
    select: { id: true },
  });
  return pending !== null;
}
