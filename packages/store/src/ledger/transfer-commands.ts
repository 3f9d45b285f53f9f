// Recording a transfer between the user's accounts (`ledger transfer`) over a Store: the ledger's
// persistence in @hookline/ledger-store does the work; this only hands it the store's client.
import type { NewTransfer, RecordTransferResult } from '@hookline/ledger-store';
import * as ledgerStore from '@hookline/ledger-store';
import { clientOf, type Store } from '../store.js';

/** The ledger rules a transfer is recorded under. */
export type RecordTransferOptions = NonNullable<Parameters<typeof ledgerStore.recordTransfer>[2]>;

/** Records one transfer (a no-op when its external id is recorded) and recomputes the linked books. */
export async function recordTransfer(
  store: Store,
  transfer: NewTransfer,
  options: RecordTransferOptions = {},
): Promise<RecordTransferResult> {
  return await ledgerStore.recordTransfer(clientOf(store), transfer, options);
}

/** Records transfers in order in one transaction: the first refused throws and none is stored. */
export async function recordTransfers(
  store: Store,
  transfers: readonly NewTransfer[],
  options: RecordTransferOptions = {},
): Promise<RecordTransferResult[]> {
  return await ledgerStore.recordTransfers(clientOf(store), transfers, options);
}
