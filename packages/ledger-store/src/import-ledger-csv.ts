import type { Clock } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import type { LedgerOptions } from '@hookline/ledger';
import { type CoveredAccount, recordImportedAccounts } from './accounts.js';
import type { NewFill } from './new-fill.js';
import { readLedgerCsv } from './read-ledger-csv.js';
import { type RecordFillsResult, recordFills } from './record-fills.js';

/** What `ledger import` did: the rows read and what recording them changed, or why nothing was imported. */
export type ImportResult =
  | ({ readonly ok: true; readonly rows: number; readonly accounts: CoveredAccount[] } & RecordFillsResult)
  | { readonly ok: false; readonly problems: string[]; readonly badRows: number };

/**
 * Imports a fills CSV in one transaction. An account the rows name that is not recorded yet is
 * recorded as a live account on the exchange (a venue's fills CSV is real history); a recorded
 * account keeps its mode. Re-importing changes nothing (trade ids are unique per
 * account and exchange); a file with any invalid row imports nothing and names every problem.
 */
export async function importLedgerCsv(
  prisma: PrismaClient,
  path: string,
  options: {
    exchange: string;
    clock: Clock;
    defaultAccount?: string;
    ledger?: LedgerOptions;
    onProgress?: (message: string) => void;
  },
): Promise<ImportResult> {
  const read = await readLedgerCsv(path, {
    defaultAccount: options.defaultAccount,
    onProgress: (rows) => options.onProgress?.(`validated ${rows} rows`),
  });
  if (!read.ok) return read;
  options.onProgress?.(`recording ${read.rows.length} fills in one transaction`);
  const receivedAt = options.clock.now();
  const fills: NewFill[] = read.rows.map((row) => ({
    account: row.account,
    exchange: options.exchange,
    tradeId: row.tradeId,
    orderId: row.orderId,
    symbol: row.symbol,
    side: row.side,
    price: row.price,
    size: row.quantity,
    fee: row.fee,
    feeCurrency: row.feeCurrency,
    executedAt: row.executedAt,
    receivedAt,
    ingestVia: 'IMPORT',
  }));
  const result = await recordFills(prisma, fills, {
    ledger: options.ledger,
    unknownOrderOrigin: 'IMPORT',
    timeoutMs: 30 * 60_000,
  });
  const accounts = await recordImportedAccounts(
    prisma,
    [...new Set(fills.map((fill) => fill.account))],
    options.exchange,
  );
  return { ok: true, rows: read.rows.length, accounts, ...result };
}
