// Table ledger_sync_cursors: where `ledger sync` resumes an account's fill history on an exchange.
// The cursor is the exchange adapter's opaque fills cursor, saved after each page is committed to
// the ledger; a run that ends between the commit and the save reads that page again as duplicates.
import { clientOf, type Store } from '../store.js';

/** Whose history on which exchange; symbol `*` for every market. */
export interface LedgerSyncKey {
  readonly account: string;
  readonly exchange: string;
  readonly symbol: string;
}

/** A stored position: the cursor and the newest fill before it (none when no fill was read yet). */
export interface LedgerSyncPosition {
  readonly cursor: string;
  readonly lastTradeId: string | undefined;
  readonly lastFillAt: Date | undefined;
}

/** The stored position of the key, or undefined when no page was committed yet. */
export async function readLedgerSyncCursor(
  store: Store,
  key: LedgerSyncKey,
): Promise<LedgerSyncPosition | undefined> {
  const row = await clientOf(store).ledgerSyncCursor.findUnique({ where: { account_exchange_symbol: key } });
  return row === null
    ? undefined
    : {
        cursor: row.cursor,
        lastTradeId: row.lastTradeId ?? undefined,
        lastFillAt: row.lastFillAt ?? undefined,
      };
}

/** Stores the position after a committed page. */
export async function saveLedgerSyncCursor(
  store: Store,
  key: LedgerSyncKey,
  position: LedgerSyncPosition,
  now: Date,
): Promise<void> {
  const values = {
    cursor: position.cursor,
    lastTradeId: position.lastTradeId ?? null,
    lastFillAt: position.lastFillAt ?? null,
    updatedAt: now,
  };
  await clientOf(store).ledgerSyncCursor.upsert({
    where: { account_exchange_symbol: key },
    create: { ...key, ...values },
    update: values,
  });
}

/** Forgets the stored position (a restart from --since). */
export async function clearLedgerSyncCursor(store: Store, key: LedgerSyncKey): Promise<void> {
  await clientOf(store).ledgerSyncCursor.deleteMany({ where: key });
}
