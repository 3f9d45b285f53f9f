// A transfer of more than the source account holds: refused when recorded (strict), flagged when a
// recompute meets it (a fill imported later may have emptied the source before the transfer).
import { type Decimal, HooklineError, toPlainString } from '@hookline/core';
import type { LedgerTransfer } from './transfer.js';
import type { LedgerWarning } from './types.js';

function describe(transfer: LedgerTransfer, shortfall: Decimal): string {
  const moved = toPlainString(transfer.quantity.plus(transfer.feeQuantity));
  return (
    `transfer ${transfer.id} from account ${transfer.fromAccount} to ${transfer.toAccount} moves ` +
    `${moved} ${transfer.asset} (fee included), but account ${transfer.fromAccount} holds ` +
    `${toPlainString(shortfall)} ${transfer.asset} less than that at ${transfer.executedAt.toISOString()}`
  );
}

/** The error that refuses a transfer the source cannot cover. */
export function transferShortfallError(transfer: LedgerTransfer, shortfall: Decimal): HooklineError {
  return new HooklineError('INVALID_ARGUMENT', `${describe(transfer, shortfall)}: refused`, {
    context: {
      transferId: transfer.id,
      account: transfer.fromAccount,
      asset: transfer.asset,
      shortfall: toPlainString(shortfall),
    },
  });
}

/** The warning of a transfer found short on a recompute: only what was held moved. */
export function transferShortfallWarning(transfer: LedgerTransfer, shortfall: Decimal): LedgerWarning {
  return {
    code: 'TRANSFER_SHORTFALL',
    fillId: transfer.id,
    account: transfer.fromAccount,
    symbol: `${transfer.asset}/USD`,
    quantity: shortfall,
    message: `${describe(transfer, shortfall)}: only what it held moved; import the missing buys and recompute`,
  };
}
