// `ledger import-transfers FILE`: the transfers of a CSV file (header
// `time,from,to,asset,quantity[,fee,fee_price_usd,id]`), each row checked as `ledger transfer` checks
// its flags, every bad row reported with its line; then all recorded in order in one transaction, so a
// refusal (unknown account, shortfall) names its transfer and line and leaves nothing recorded.
import { createReadStream } from 'node:fs';
import { HooklineError } from '@hookline/core';
import type { Config } from '@hookline/schemas';
import { ledgerOptionsFromConfig, type RecordTransferResult, recordTransfers } from '@hookline/store';
import { parse } from 'csv-parse';
import { withStore } from '../database-access.js';
import { UsageError } from '../usage.js';
import { transferFromOptions } from './ledger-transfer.js';

const COLUMNS = ['time', 'from', 'to', 'asset', 'quantity', 'fee', 'fee_price_usd', 'id'] as const;
const REQUIRED = ['time', 'from', 'to', 'asset', 'quantity'];

type Transfer = ReturnType<typeof transferFromOptions>;

/** The file's transfers with their lines, or every problem found (the first 100). */
export async function readTransfersCsv(
  path: string,
): Promise<
  { ok: true; rows: Array<{ line: number; transfer: Transfer }> } | { ok: false; problems: string[] }
> {
  const rows: Array<{ line: number; transfer: Transfer }> = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const parser = createReadStream(path).pipe(
    parse({ columns: header, skip_empty_lines: true, trim: true, info: true, bom: true }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      const line = info.lines;
      const cell = (name: string) =>
        record[name] === undefined || record[name] === '' ? undefined : record[name];
      try {
        const transfer = transferFromOptions({
          from: cell('from'),
          to: cell('to'),
          asset: cell('asset'),
          quantity: cell('quantity'),
          time: cell('time'),
          fee: cell('fee'),
          feePriceUsd: cell('fee_price_usd'),
          id: cell('id'),
        });
        const first = seen.get(transfer.externalId);
        if (first !== undefined)
          throw new UsageError(`transfer ${transfer.externalId} already appears on line ${first}`);
        seen.set(transfer.externalId, line);
        rows.push({ line, transfer });
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        // The checks speak of flags; a file's reader knows its columns.
        if (problems.length < 100)
          problems.push(`line ${line}: ${error.message.replace(/--([a-z-]+)/g, columnOf)}`);
      }
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = (error as { lines?: number }).lines;
    problems.push(line && !message.startsWith('line ') ? `line ${line}: ${message}` : message);
  }
  return problems.length === 0 ? { ok: true, rows } : { ok: false, problems };
}

function header(names: string[]): string[] {
  const columns = names.map((name) => name.trim().toLowerCase());
  const unknown = columns.filter((name) => !(COLUMNS as readonly string[]).includes(name));
  const missing = REQUIRED.filter((name) => !columns.includes(name));
  if (unknown.length > 0 || missing.length > 0)
    throw new Error(
      `line 1: header must be ${COLUMNS.join(',')} (fee, fee_price_usd and id may be left out)` +
        (missing.length ? `; missing ${missing.join(', ')}` : '') +
        (unknown.length ? `; unknown ${unknown.join(', ')}` : ''),
    );
  return columns;
}

function columnOf(_flag: string, name: string): string {
  return name === 'fee-price-usd' ? 'fee_price_usd' : name;
}

/** Reads, checks and records the file; exit 1 with the problems (nothing recorded) on any. */
export async function runLedgerImportTransfers(path: string | undefined, config: Config): Promise<number> {
  if (path === undefined || path.trim() === '') throw new UsageError('import-transfers needs a CSV file');
  const read = await readTransfersCsv(path);
  if (!read.ok) {
    for (const problem of read.problems) process.stderr.write(`${problem}\n`);
    process.stderr.write(`error: ${path} has problems: nothing was recorded\n`);
    return 1;
  }
  return await withStore(config, async (store) => {
    let results: RecordTransferResult[];
    try {
      results = await recordTransfers(
        store,
        read.rows.map((row) => row.transfer),
        { ledger: ledgerOptionsFromConfig(config) },
      );
    } catch (error) {
      if (!(error instanceof HooklineError) || error.code !== 'INVALID_ARGUMENT') throw error;
      const id = (error.context as { externalId?: string } | undefined)?.externalId;
      const line = read.rows.find((row) => row.transfer.externalId === id)?.line;
      process.stderr.write(`error: ${line === undefined ? '' : `line ${line}: `}${error.message}\n`);
      process.stderr.write(`error: nothing from ${path} was recorded\n`);
      return 1;
    }
    const inserted = results.filter((result) => result.inserted).length;
    process.stdout.write(
      `recorded ${inserted} transfer(s) from ${path}; ${results.length - inserted} already recorded\n`,
    );
    return 0;
  });
}
