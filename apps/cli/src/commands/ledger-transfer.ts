// `ledger transfer`: records a move of an asset between two of the user's accounts. Not a disposal:
// the lots move FIFO with their buy dates and basis; a network fee paid in the asset is a disposal
// valued at --fee-price-usd (required with --fee). Refused (exit 1, nothing written) for an unknown
// account or a transfer beyond what the source holds.
import { dec, HooklineError, toPlainString } from '@hookline/core';
import type { Config } from '@hookline/schemas';
import { ledgerOptionsFromConfig, recordTransfer } from '@hookline/store';
import { withStore } from '../database-access.js';
import { UsageError } from '../usage.js';

/** Options of `ledger transfer`. */
export interface LedgerTransferOptions {
  readonly from?: string;
  readonly to?: string;
  readonly asset?: string;
  readonly quantity?: string;
  readonly time?: string;
  readonly fee?: string;
  readonly feePriceUsd?: string;
  readonly id?: string;
}

const decimalText = /^\d+(\.\d+)?$/;

function amount(flag: string, text: string | undefined) {
  if (text === undefined || !decimalText.test(text))
    throw new UsageError(`${flag} must be a decimal number like 0.5 (got ${text ?? 'nothing'})`);
  return dec(text);
}

function required(flag: string, text: string | undefined): string {
  if (text === undefined || text.trim() === '') throw new UsageError(`${flag} is required`);
  return text.trim();
}

/** The transfer the flags describe; a usage error names the flag that is wrong. */
export function transferFromOptions(options: LedgerTransferOptions) {
  const fromAccount = required('--from', options.from);
  const toAccount = required('--to', options.to);
  const asset = required('--asset', options.asset).toUpperCase();
  const quantity = amount('--quantity', options.quantity);
  const time = required('--time', options.time);
  if (!/(Z|[+-]\d\d:\d\d)$/.test(time) || Number.isNaN(Date.parse(time)))
    throw new UsageError(`--time must be an ISO-8601 instant with Z or an offset (got ${time})`);
  const executedAt = new Date(time);
  const feeQuantity = options.fee === undefined ? dec('0') : amount('--fee', options.fee);
  const feePriceUsd =
    options.feePriceUsd === undefined ? null : amount('--fee-price-usd', options.feePriceUsd);
  if (!feeQuantity.isZero() && feePriceUsd === null)
    throw new UsageError('--fee-price-usd is required with --fee (the fee is a disposal valued at it)');
  // Without --id the transfer's own fields identify it, so entering it twice records it once.
  const externalId =
    options.id ??
    `${fromAccount}>${toAccount}:${asset}:${toPlainString(quantity)}:${executedAt.toISOString()}`;
  return { externalId, fromAccount, toAccount, asset, quantity, feeQuantity, feePriceUsd, executedAt };
}

/** `ledger transfer --from A --to B --asset BTC --quantity Q --time ISO [--fee F --fee-price-usd P] [--id X]`. */
export async function runLedgerTransfer(options: LedgerTransferOptions, config: Config): Promise<number> {
  const transfer = transferFromOptions(options);
  return await withStore(config, async (store) => {
    try {
      const result = await recordTransfer(store, transfer, { ledger: ledgerOptionsFromConfig(config) });
      const what = `${toPlainString(transfer.quantity)} ${transfer.asset} ${transfer.fromAccount} -> ${transfer.toAccount}`;
      process.stdout.write(
        result.inserted
          ? `recorded transfer ${transfer.externalId}: ${what}; recomputed ${result.accounts.join(', ')} (${result.allocations} allocations)\n`
          : `transfer ${transfer.externalId} was already recorded: nothing changed\n`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof HooklineError) || error.code !== 'INVALID_ARGUMENT') throw error;
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
  });
}
