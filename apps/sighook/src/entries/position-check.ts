import { hasPendingSighookEntry, hasWorkingBuy, holdsPosition, type Store } from '@hookline/store';

/** Why an entry on a symbol would be a second one. */
export type HeldReason = 'POSITION_OPEN' | 'BUY_WORKING' | 'ENTRY_PENDING';

/**
 * Whether the account already holds the symbol (an open FIFO lot: positions are the open lots, not
 * a table), has a BUY of ours still working on it, or has an earlier sighook entry on it that the
 * webhook has not decided yet (its alert is still ACCEPTED: without this, every candle until the
 * order exists would add one more entry). `entryKey` is the current entry's own key, which does not
 * count. undefined when an entry would be the first.
 */
export async function heldReason(
  store: Store,
  account: string,
  symbol: string,
  entryKey: string,
): Promise<HeldReason | undefined> {
  if (await holdsPosition(store, { account, symbol })) return 'POSITION_OPEN';
  if (await hasWorkingBuy(store, { account, symbol })) return 'BUY_WORKING';
  const pending = await hasPendingSighookEntry(store, { account, symbol, exceptKey: entryKey });
  return pending ? 'ENTRY_PENDING' : undefined;
}
