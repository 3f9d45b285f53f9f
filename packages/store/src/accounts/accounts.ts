// The accounts table over a Store: a process records the account it trades at start. The queries
// live in @hookline/ledger-store (accounts.ts), which the reports read too.

import type { AccountTaxSetting } from '@hookline/ledger';
import type { AccountRecord } from '@hookline/ledger-store';
import * as ledgerStore from '@hookline/ledger-store';
import { clientOf, type Store } from '../store.js';

/**
 * Records the account a process trades (idempotent). Throws CONFIG_INVALID when the account is
 * recorded with the other mode: a live start never reads paper history, nor a paper start live.
 */
export async function registerAccount(store: Store, account: AccountRecord): Promise<AccountRecord> {
  return await ledgerStore.registerAccount(clientOf(store), account);
}

/** Every recorded account, by name. */
export async function listAccounts(store: Store): Promise<AccountRecord[]> {
  return await ledgerStore.listAccounts(clientOf(store));
}

/** Sets an account's tax form and basis-reported flag (the Form 8949 box of its disposals). */
export async function setAccountTax(
  store: Store,
  name: string,
  setting: AccountTaxSetting,
): Promise<AccountTaxSetting> {
  return await ledgerStore.setAccountTax(clientOf(store), name, setting);
}
