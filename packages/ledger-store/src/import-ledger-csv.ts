import type { Clock } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import type { LedgerOptions } from '@hookline/ledger';
import { type CoveredAccount, recordImportedAccounts } from './accounts.js';
import type { NewFill } from './new-fill.js';
import { readLedgerFills, readVenueFills, withTriedFormats } from './read-import-fills.js';
import { type RecordFillsResult, recordFills } from './record-fills.js';
import { detectVenueFormat } from './venue-csv/read-venue-csv.js';

/** What `ledger import` did: the rows read and what recording them changed, or why nothing was imported. */
export type ImportResult =
  | ({
      readonly ok: true;
      /** The format detected from the header: `hookline` or a venue's (e.g. `kraken-ledgers`). */
      readonly format: string;
      readonly rows: number;
      /** Rows that are not trades (deposits, withdrawals, rewards…), by kind, with their count. */
      readonly skipped: [string, number][];
      readonly accounts: CoveredAccount[];
    } & RecordFillsResult)
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
  const venue = await detectVenueFormat(path);
  const read = venue ? await readVenueFills(path, options) : await readLedgerFills(path, options);
  if (!read.ok) return read.problems[0]?.startsWith('line 1: header') ? withTriedFormats(read) : read;
  options.onProgress?.(`recording ${read.fills.length} fills in one transaction`);
  const receivedAt = options.clock.now();
  const fills: NewFill[] = read.fills.map((fill) => ({
    ...fill,
    exchange: venue?.exchange ?? options.exchange,
    receivedAt,
  }));
  const result = await recordFills(prisma, fills, {
    ledger: options.ledger,
    unknownOrderOrigin: 'IMPORT',
    timeoutMs: 30 * 60_000,
  });
  const accounts = await recordImportedAccounts(
    prisma,
    [...new Set(fills.map((fill) => fill.account))],
    venue?.exchange ?? options.exchange,
  );
  const skipped = read.skipped;
  return {
    ok: true,
    format: venue?.name ?? 'hookline',
    rows: read.fills.length,
    skipped,
    accounts,
    ...result,
  };
}
