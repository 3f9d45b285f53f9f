// The accounts table: which accounts exist and whether each is paper or live. A process records its
// account at start (and is refused when the account was recorded with the other mode); reports and
// `ledger verify` cover the live accounts unless asked for one by name.
import { HooklineError } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import { type AccountMode, accountModeConflict } from '@hookline/schemas';

/** One recorded account. */
export interface AccountRecord {
  readonly name: string;
  readonly mode: AccountMode;
  readonly exchange: string;
}

/** An account a report covers: recorded with its mode, or `unrecorded` when only rows name it. */
export interface CoveredAccount {
  readonly name: string;
  readonly mode: AccountMode | 'unrecorded';
}

/**
 * Records the account a process trades (idempotent: a second start changes nothing). Throws
 * CONFIG_INVALID when the account is recorded with the other mode, so paper history can never become
 * a live account's positions (or live history a paper account's).
 */
export async function registerAccount(prisma: PrismaClient, account: AccountRecord): Promise<AccountRecord> {
  await prisma.account.createMany({ data: [account], skipDuplicates: true });
  const recorded = await prisma.account.findUniqueOrThrow({ where: { name: account.name } });
  const conflict = accountModeConflict(account.name, recorded.mode, account.mode);
  if (conflict !== undefined) {
    throw new HooklineError('CONFIG_INVALID', conflict, {
      context: { account: account.name, recorded: recorded.mode, wanted: account.mode },
    });
  }
  return { name: recorded.name, mode: recorded.mode, exchange: recorded.exchange };
}

/**
 * The accounts of imported fills with their modes: those not recorded yet are recorded as live
 * accounts on the exchange (an exchange's history is real fills), except `paper`, paper mode's own;
 * recorded ones keep their mode.
 */
export async function recordImportedAccounts(
  prisma: PrismaClient,
  names: readonly string[],
  exchange: string,
): Promise<CoveredAccount[]> {
  await prisma.account.createMany({
    // `paper` is paper mode's own account: never recorded as live, or paper starts would be refused.
    data: names.map((name) =>
      name === 'paper'
        ? { name, mode: 'paper' as const, exchange: 'paper' }
        : { name, mode: 'live' as const, exchange },
    ),
    skipDuplicates: true,
  });
  const rows = await prisma.account.findMany({
    where: { name: { in: [...names] } },
    orderBy: { name: 'asc' },
  });
  return rows.map((row) => ({ name: row.name, mode: row.mode }));
}

/** Every recorded account, by name. */
export async function listAccounts(prisma: PrismaClient): Promise<AccountRecord[]> {
  const rows = await prisma.account.findMany({ orderBy: { name: 'asc' } });
  return rows.map((row) => ({ name: row.name, mode: row.mode, exchange: row.exchange }));
}

/**
 * The accounts a report covers: the one named (any mode, even one only rows name), else every live
 * account. Paper accounts, and accounts never recorded, are left out unless named.
 */
export async function reportAccounts(prisma: PrismaClient, named?: string): Promise<CoveredAccount[]> {
  if (named !== undefined) {
    const row = await prisma.account.findUnique({ where: { name: named } });
    return [{ name: named, mode: row?.mode ?? 'unrecorded' }];
  }
  const rows = await prisma.account.findMany({ where: { mode: 'live' }, orderBy: { name: 'asc' } });
  return rows.map((row) => ({ name: row.name, mode: row.mode }));
}

/** The coverage line of a report: `accounts: live (live), paper (paper)`, or `accounts: none ...`. */
export function coverageLine(accounts: readonly CoveredAccount[]): string {
  if (accounts.length === 0)
    return 'accounts: none (no live account recorded; --account NAME covers another)';
  return `accounts: ${accounts.map((account) => `${account.name} (${account.mode})`).join(', ')}`;
}
