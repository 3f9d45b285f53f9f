// The fills of an import file, either format: Hookline's own CSV or a venue's export, as NewFill
// fields without the exchange and arrival time; or every problem, nothing recorded.
import { type LedgerOptions, resolveLedgerOptions } from '@hookline/ledger';
import type { NewFill } from './new-fill.js';
import { readLedgerCsv } from './read-ledger-csv.js';
import { readVenueCsv, VENUE_FORMATS } from './venue-csv/read-venue-csv.js';

/** The fills of a file and the rows skipped as not trades, or every problem. */
export type ReadFills =
  | { ok: true; fills: Omit<NewFill, 'exchange' | 'receivedAt'>[]; skipped: [string, number][] }
  | { ok: false; problems: string[]; badRows: number };

export async function readLedgerFills(
  path: string,
  options: { defaultAccount?: string; onProgress?: (m: string) => void },
): Promise<ReadFills> {
  const read = await readLedgerCsv(path, {
    defaultAccount: options.defaultAccount,
    onProgress: (rows) => options.onProgress?.(`validated ${rows} rows`),
  });
  if (!read.ok) return read;
  const fills = read.rows.map((row) => ({
    account: row.account,
    tradeId: row.tradeId,
    orderId: row.orderId,
    symbol: row.symbol,
    side: row.side,
    price: row.price,
    size: row.quantity,
    fee: row.fee,
    feeCurrency: row.feeCurrency,
    executedAt: row.executedAt,
    ingestVia: 'IMPORT' as const,
  }));
  return { ok: true, fills, skipped: [] };
}

/** A venue export's fills, all in the default account (the exports carry no account). */
export async function readVenueFills(
  path: string,
  options: { defaultAccount?: string; ledger?: LedgerOptions },
): Promise<ReadFills> {
  const read = await readVenueCsv(path, resolveLedgerOptions(options.ledger).usdCurrencies);
  if (read.problems.length > 0) {
    const badLines = new Set(read.problems.map((problem) => problem.split(':')[0]));
    return { ok: false, problems: read.problems, badRows: badLines.size };
  }
  const account = options.defaultAccount ?? 'live';
  const fills = read.fills.map(({ line: _line, ...fill }) => ({
    ...fill,
    account,
    ingestVia: 'IMPORT' as const,
  }));
  return { ok: true, fills, skipped: [...read.skipped] };
}

/** A header no format matched: the Hookline header problem, and which formats were tried. */
export function withTriedFormats(read: { problems: string[]; badRows: number }) {
  const tried = ['hookline', ...VENUE_FORMATS.map((format) => format.name)].join(', ');
  return {
    ok: false as const,
    badRows: read.badRows,
    problems: [...read.problems, `the header matches no format Hookline reads (tried ${tried})`],
  };
}
