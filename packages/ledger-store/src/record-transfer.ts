// Records a transfer between two of the user's accounts exactly once (its external id is unique) and
// recomputes the books it links, in one transaction: refused, with nothing written, when an account is
// unknown, the fee has no price, or the source holds less than it moves.
import { type Decimal, HooklineError, toPlainString } from '@hookline/core';
import type { Prisma, PrismaClient } from '@hookline/db';
import { type LedgerOptions, transferProblem } from '@hookline/ledger';
import { recomputeLinkedBooks } from './recompute-linked-books.js';
import { prismaRunner } from './sql-runner.js';
import { linkedAccounts, lockBooks } from './transfer-rows.js';

/** A transfer as the user records it. */
export interface NewTransfer {
  /** Identifies the transfer for de-duplication (recording it again is a no-op). */
  readonly externalId: string;
  readonly fromAccount: string;
  readonly toAccount: string;
  readonly asset: string;
  readonly quantity: Decimal;
  readonly feeQuantity: Decimal;
  readonly feePriceUsd: Decimal | null;
  readonly executedAt: Date;
}

/** What recording a transfer did. */
export interface RecordTransferResult {
  readonly transferId: string;
  /** False when the external id was already recorded (nothing changed). */
  readonly inserted: boolean;
  /** Allocation rows of the linked books after the recompute. */
  readonly allocations: number;
  readonly accounts: readonly string[];
}

/** Records one transfer and recomputes the linked books; throws INVALID_ARGUMENT when refused. */
export async function recordTransfer(
  prisma: PrismaClient,
  transfer: NewTransfer,
  options: { ledger?: LedgerOptions; timeoutMs?: number } = {},
): Promise<RecordTransferResult> {
  const [result] = await recordTransfers(prisma, [transfer], options);
  return result as RecordTransferResult;
}

/**
 * Records transfers in order, all in one transaction: the first one refused (unknown account, fee
 * without a price, shortfall) throws INVALID_ARGUMENT naming it, and none of them is stored.
 */
export async function recordTransfers(
  prisma: PrismaClient,
  transfers: readonly NewTransfer[],
  options: { ledger?: LedgerOptions; timeoutMs?: number } = {},
): Promise<RecordTransferResult[]> {
  for (const transfer of transfers) {
    const problem = transferProblem({ ...transfer, id: transfer.externalId, sequence: 0 });
    if (problem !== undefined) refuse(transfer, problem);
  }
  const timeout = options.timeoutMs ?? 120_000;
  return await prisma.$transaction(
    async (tx) => {
      const results: RecordTransferResult[] = [];
      for (const transfer of transfers) results.push(await recordIn(tx, transfer, options.ledger ?? {}));
      return results;
    },
    { timeout, maxWait: timeout },
  );
}

function refuse(transfer: NewTransfer, problem: string): never {
  throw new HooklineError('INVALID_ARGUMENT', `transfer ${transfer.externalId}: ${problem}`, {
    context: { externalId: transfer.externalId, account: transfer.fromAccount, asset: transfer.asset },
  });
}

async function recordIn(
  tx: Prisma.TransactionClient,
  transfer: NewTransfer,
  ledger: LedgerOptions,
): Promise<RecordTransferResult> {
  const run = prismaRunner(tx);
  const existing = await tx.transfer.findUnique({ where: { externalId: transfer.externalId } });
  if (existing) return { transferId: existing.id, inserted: false, allocations: 0, accounts: [] };
  const known = await tx.account.findMany({
    where: { name: { in: [transfer.fromAccount, transfer.toAccount] } },
  });
  for (const name of [transfer.fromAccount, transfer.toAccount]) {
    if (!known.some((row) => row.name === name)) {
      refuse(
        transfer,
        `account ${name} is unknown (not in the accounts table): record it first or fix the name`,
      );
    }
  }
  const { asset } = transfer;
  const accounts = await linkedAccounts(run, asset, [transfer.fromAccount, transfer.toAccount]);
  await lockBooks(
    run,
    accounts.map((account) => ({ account, asset })),
  );
  const row = await tx.transfer.create({
    data: {
      externalId: transfer.externalId,
      fromAccount: transfer.fromAccount,
      toAccount: transfer.toAccount,
      asset,
      quantity: toPlainString(transfer.quantity),
      feeQuantity: toPlainString(transfer.feeQuantity),
      feePriceUsd: transfer.feePriceUsd === null ? null : toPlainString(transfer.feePriceUsd),
      executedAt: transfer.executedAt,
    },
  });
  const result = await recomputeLinkedBooks(run, asset, accounts, ledger);
  const short = result.warnings.find(
    (warning) => warning.code === 'TRANSFER_SHORTFALL' && warning.fillId === row.id,
  );
  if (short)
    refuse(
      transfer,
      `${short.message.split(': only')[0]}: refused (shortfall ${toPlainString(short.quantity ?? transfer.quantity)} ${asset})`,
    );
  return { transferId: row.id, inserted: true, allocations: result.allocations.length, accounts };
}
