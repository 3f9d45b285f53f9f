// A transfer between two of the user's accounts: not a disposal. The lots move FIFO from the source
// with their buy dates and basis; a network fee paid in the asset is a disposal at the given price.
import { type Decimal, HooklineError } from '@hookline/core';

/** One `transfers` row as the engine consumes it. */
export interface LedgerTransfer {
  /** Our transfer id: stable, referenced by allocations (as their sellFillId and transferId). */
  readonly id: string;
  readonly fromAccount: string;
  readonly toAccount: string;
  /** The asset moved (`BTC`): the book of each account it leaves and enters. */
  readonly asset: string;
  /** Units that arrive at the destination. */
  readonly quantity: Decimal;
  /** Units paid as network fee: they leave the source as well, and are a disposal. */
  readonly feeQuantity: Decimal;
  /** USD price of one unit at the transfer, which values the fee disposal; null when not given. */
  readonly feePriceUsd: Decimal | null;
  readonly executedAt: Date;
  /** Arrival sequence: orders transfers of equal executedAt (fills of equal time come first). */
  readonly sequence: bigint | number;
}

/** Throws INVALID_ARGUMENT, naming what is wrong, for a transfer the ledger cannot apply. */
export function checkTransfer(transfer: LedgerTransfer): void {
  const problem = transferProblem(transfer);
  if (problem === undefined) return;
  throw new HooklineError('INVALID_ARGUMENT', `transfer ${transfer.id}: ${problem}`, {
    context: { transferId: transfer.id, account: transfer.fromAccount, asset: transfer.asset },
  });
}

/** What is wrong with a transfer, or undefined. */
export function transferProblem(transfer: LedgerTransfer): string | undefined {
  if (transfer.fromAccount === transfer.toAccount)
    return `source and destination are the same account (${transfer.fromAccount})`;
  if (!transfer.quantity.greaterThan(0)) return 'quantity must be positive';
  if (transfer.feeQuantity.isNegative()) return 'fee quantity must not be negative';
  if (transfer.feeQuantity.greaterThan(0) && transfer.feePriceUsd === null) {
    return (
      'a network fee paid in the asset is a disposal and needs its USD price (fee price USD); ' +
      'none was given'
    );
  }
  if (transfer.feePriceUsd?.isNegative()) return 'fee price USD must not be negative';
  return undefined;
}
