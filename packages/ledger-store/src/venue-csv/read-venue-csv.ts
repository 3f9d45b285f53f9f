// Reads a venue's history export: finds its header (Coinbase writes a preamble above it), picks
// the format, converts every row, and refuses rows no fill can come from, each with its line.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { coinbaseFills } from './coinbase-fills.js';
import { coinbaseTransactions } from './coinbase-transactions.js';
import { krakenLedgers } from './kraken-ledgers.js';
import { krakenTrades } from './kraken-trades.js';
import type { VenueConversion, VenueFill, VenueFormat, VenueRecord } from './venue-format.js';

/** The venue formats `ledger import` recognises, in the order they are tried. */
export const VENUE_FORMATS: readonly VenueFormat[] = [
  coinbaseFills,
  coinbaseTransactions,
  krakenTrades,
  krakenLedgers,
];

/** How far down a file its header may sit. */
const HEADER_SEARCH_LINES = 12;

interface Row {
  readonly line: number;
  readonly cells: string[];
}

async function readRows(path: string, toLine?: number): Promise<Row[]> {
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      to_line: toLine,
    }),
  );
  const rows: Row[] = [];
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    rows.push({ line: info.lines, cells: record });
  }
  return rows;
}

function matchFormat(cells: readonly string[]): VenueFormat | undefined {
  const names = cells.map((cell) => cell.trim().toLowerCase());
  return VENUE_FORMATS.find((format) => format.columns.every((column) => names.includes(column)));
}

/** The venue format of a file and the index of its header row, or undefined (not a venue export). */
export async function detectVenueFormat(path: string): Promise<VenueFormat | undefined> {
  const rows = await readRows(path, HEADER_SEARCH_LINES).catch(() => []);
  return rows.map((row) => matchFormat(row.cells)).find((format) => format !== undefined);
}

/** Reads and converts a venue export; the fills' third-asset fees must have a USD value. */
export async function readVenueCsv(
  path: string,
  usdCurrencies: ReadonlySet<string>,
): Promise<{ format: VenueFormat } & VenueConversion> {
  const rows = await readRows(path);
  const headerAt = rows.findIndex((row, index) => index < HEADER_SEARCH_LINES && matchFormat(row.cells));
  const header = rows[headerAt];
  const format = header && matchFormat(header.cells);
  if (!header || !format) throw new Error(`${path}: not a venue export`);
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const records: VenueRecord[] = [];
  const problems: string[] = [];
  for (const row of rows.slice(headerAt + 1)) {
    if (row.cells.length !== names.length) {
      problems.push(`line ${row.line}: ${row.cells.length} fields where the header has ${names.length}`);
      continue;
    }
    const cells = new Map(names.map((name, index) => [name, row.cells[index] ?? '']));
    records.push({ line: row.line, get: (column) => (cells.get(column) ?? '').trim() });
  }
  const conversion = format.convert(records);
  problems.push(...conversion.problems, ...refusedFills(conversion.fills, usdCurrencies));
  return { format, fills: conversion.fills, skipped: conversion.skipped, problems };
}

/** Trade ids twice in one file, and third-asset fees with no known USD value (never guessed). */
function refusedFills(fills: readonly VenueFill[], usdCurrencies: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const fill of fills) {
    const first = seen.get(fill.tradeId);
    if (first !== undefined)
      problems.push(`line ${fill.line}: trade id "${fill.tradeId}" already appears on line ${first}`);
    else seen.set(fill.tradeId, fill.line);
    const [base, quote] = fill.symbol.split('/');
    const third =
      fill.feeCurrency !== base && fill.feeCurrency !== quote && !usdCurrencies.has(fill.feeCurrency);
    if (third && !fill.fee.isZero() && fill.feeUsd === null) {
      problems.push(
        `line ${fill.line}: fee ${fill.fee.toFixed()} ${fill.feeCurrency} is in neither ${base} nor ${quote} ` +
          'and neither the file nor the venue gives its USD value at the time of the fill; refused',
      );
    }
  }
  return problems;
}
