import {
  type AllocationRecord,
  allForm8949Rows,
  csvField,
  renderForm8949Csv,
  renderTaxFormsHtml,
} from '@hookline/ledger';
import { type Config, parseConfig } from '@hookline/schemas';
import { coverageLine, ledgerOptionsFromConfig, storedTaxReport } from '@hookline/store';
import { withStore } from '../database-access.js';
import { writeOutputFile } from '../output-file.js';
import { UsageError } from '../usage.js';
import { TAX_FORMATS, type TaxFormat } from './tax-formats.js';
import { parseTaxPrices } from './tax-prices.js';

/** Options of `tax report`, as given on the command line. */
export interface TaxReportOptions {
  /** --year YYYY (required; checked here so the message says what a year is). */
  readonly year?: string;
  readonly format: TaxFormat;
  /** --timezone TZ (default HOOKLINE_TAX_TIMEZONE). */
  readonly timezone?: string;
  /** --account NAME: only this account's disposals (paper included); default every live account. */
  readonly account?: string;
  /** --output FILE: write the report there (confirmed on stderr) instead of stdout. */
  readonly output?: string;
  /** --price ASSET=USD (repeatable): prices to value the year-end holdings at. */
  readonly price?: string[];
}

/**
 * `tax report --year YYYY [--format json|csv|8949|html] [--timezone TZ] [--account A]
 * [--price ASSET=USD ...] [--output FILE]`.
 */
export async function runTaxReport(options: TaxReportOptions, config: Config): Promise<number> {
  const year = Number(options.year);
  if (!options.year || !Number.isInteger(year) || year < 2009 || year > 2100) {
    throw new UsageError(
      options.year
        ? `--year "${options.year}" is not a year from 2009 to 2100`
        : 'tax report needs --year YYYY',
    );
  }
  const { format } = options;
  if (!TAX_FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${TAX_FORMATS.join(', ')}`);
  // The timezone goes through the same validation as HOOKLINE_TAX_TIMEZONE.
  const timezone = options.timezone
    ? parseConfig({ HOOKLINE_TAX_TIMEZONE: options.timezone }).HOOKLINE_TAX_TIMEZONE
    : config.HOOKLINE_TAX_TIMEZONE;
  const prices = parseTaxPrices(options.price);
  // Year-end holdings need every fill replayed: only the formats that show them ask for them.
  const openPositions =
    format === 'json' || format === 'html' ? { prices, ledger: ledgerOptionsFromConfig(config) } : undefined;
  const { report, form8949, forms, accounts } = await withStore(config, (store) =>
    storedTaxReport(store, { year, timezone, account: options.account, openPositions }),
  );
  const text =
    format === 'json'
      ? `${JSON.stringify({ accounts, ...report, forms }, null, 2)}\n`
      : format === '8949'
        ? renderForm8949Csv(form8949)
        : format === 'html'
          ? renderTaxFormsHtml(forms, coverageLine(accounts))
          : allocationsCsv(report.allocations);
  if (options.output) {
    const rows =
      format === '8949'
        ? { count: allForm8949Rows(form8949).length, noun: 'Form 8949 row' }
        : { count: report.allocations.length, noun: 'allocation' };
    writeOutputFile(options.output, text, rows);
  } else process.stdout.write(text);
  // Every format is machine-read: which accounts were covered goes to stderr.
  process.stderr.write(`${coverageLine(accounts)}\n`);
  if (forms.noDisposals) process.stderr.write(`no disposals in ${year}: the report is empty\n`);
  if (report.shortfalls.length > 0) {
    process.stderr.write(
      `warning: ${report.shortfalls.length} sale(s) beyond known inventory (shortfalls) in ${year}\n`,
    );
  }
  return 0;
}

/** The fifo_allocations columns of the JSON report, in order: the header even when the year is empty. */
const ALLOCATION_COLUMNS: ReadonlyArray<keyof AllocationRecord> = [
  'account',
  'symbol',
  'asset',
  'kind',
  'sell_fill_id',
  'slice_index',
  'buy_fill_id',
  'sell_order_id',
  'buy_order_id',
  'allocated_size',
  'buy_price',
  'sell_price',
  'buy_fees_per_unit',
  'sell_fees_per_unit',
  'buy_fee_usd',
  'sell_fee_usd',
  'cost_basis_usd',
  'proceeds_usd',
  'net_proceeds_usd',
  'pnl_usd',
  'buy_time',
  'sell_time',
  'term',
];

function allocationsCsv(rows: readonly AllocationRecord[]): string {
  const lines = [ALLOCATION_COLUMNS.join(',')];
  for (const row of rows)
    lines.push(ALLOCATION_COLUMNS.map((column) => csvField(String(row[column] ?? ''))).join(','));
  return `${lines.join('\n')}\n`;
}
