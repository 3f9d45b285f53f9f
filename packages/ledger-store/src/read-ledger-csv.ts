// Reads a `ledger import` CSV: the documented header, every row validated, every problem reported with
// its line and field. Nothing is imported unless the whole file is valid (one transaction per file).
import { createReadStream } from 'node:fs';
import { LEDGER_CSV_HEADER, type LedgerCsvRow, parseLedgerCsvRecord } from '@hookline/schemas';
import { parse } from 'csv-parse';

/** The header columns that must be present; the others may be left out. */
const REQUIRED_COLUMNS = ['time', 'symbol', 'side', 'quantity', 'price', 'trade_id'];

/** A whole file's validation result: the rows, or every problem found. */
export type LedgerCsvReadResult =
  | { readonly ok: true; readonly rows: LedgerCsvRow[] }
  | { readonly ok: false; readonly problems: string[]; readonly badRows: number };

/** Reads and validates a file; `onProgress(rows)` is called every 10,000 rows. */
export async function readLedgerCsv(
  path: string,
  options: { defaultAccount?: string; onProgress?: (rows: number) => void } = {},
): Promise<LedgerCsvReadResult> {
  const parser = createReadStream(path).pipe(
    parse({
      columns: validateHeader,
      skip_empty_lines: true,
      trim: true,
      info: true,
      bom: true,
      relax_column_count: false,
    }),
  );
  const rows: LedgerCsvRow[] = [];
  const problems: string[] = [];
  let badRows = 0;
  const seen = new Map<string, number>();
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      const line = info.lines;
      const parsed = parseLedgerCsvRecord({ ...record, account: record.account || options.defaultAccount });
      if (!parsed.ok) {
        badRows += 1;
        if (problems.length < 100)
          problems.push(...parsed.problems.map((problem) => `line ${line}: ${problem}`));
        continue;
      }
      const key = `${parsed.row.account}|${parsed.row.tradeId}`;
      const first = seen.get(key);
      if (first !== undefined) {
        badRows += 1;
        problems.push(`line ${line}: trade_id: "${parsed.row.tradeId}" already appears on line ${first}`);
        continue;
      }
      seen.set(key, line);
      rows.push(parsed.row);
      if (rows.length % 10_000 === 0) options.onProgress?.(rows.length);
    }
  } catch (error) {
    return { ok: false, problems: [...problems, csvErrorMessage(error)], badRows: badRows + 1 };
  }
  return problems.length === 0 ? { ok: true, rows } : { ok: false, problems, badRows };
}

function validateHeader(header: string[]): string[] {
  const names = header.map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !(LEDGER_CSV_HEADER as readonly string[]).includes(name));
  const missing = REQUIRED_COLUMNS.filter((name) => !names.includes(name));
  if (unknown.length > 0 || missing.length > 0) {
    throw new Error(
      `line 1: header must be ${LEDGER_CSV_HEADER.join(',')}` +
        (missing.length ? `; missing ${missing.join(', ')}` : '') +
        (unknown.length ? `; unknown ${unknown.join(', ')}` : ''),
    );
  }
  return names;
}

function csvErrorMessage(error: unknown): string {
  if (error instanceof Error) {
    const line = (error as { lines?: number }).lines;
    return line && !error.message.startsWith('line ') ? `line ${line}: ${error.message}` : error.message;
  }
  return String(error);
}
