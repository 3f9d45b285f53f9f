import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type AllocationRecord, csvField, renderForm8949Csv } from '@hookline/ledger';
import { type Config, parseConfig } from '@hookline/schemas';
import { storedTaxReport } from '@hookline/store';
import { withStore } from '../database-access.js';
import { UsageError } from '../usage.js';

const FORMATS = ['json', 'csv', '8949'] as const;

/** `tax report --year YYYY [--format json|csv|8949] [--timezone TZ] [--account A] [--output FILE]`. */
export async function runTaxCommand(args: readonly string[], config: Config): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'report')
    throw new UsageError(`unknown tax command "${subcommand ?? ''}": expected report`);
  const { values } = parseArgs({
    args: rest,
    options: {
      year: { type: 'string' },
      format: { type: 'string', default: 'json' },
      timezone: { type: 'string' },
      account: { type: 'string' },
      output: { type: 'string' },
    },
  });
  const year = Number(values.year);
  if (!values.year || !Number.isInteger(year) || year < 2009 || year > 2100) {
    throw new UsageError('tax report needs --year YYYY (a year from 2009 on)');
  }
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  // The timezone goes through the same validation as HOOKLINE_TAX_TIMEZONE.
  const timezone = values.timezone
    ? parseConfig({ HOOKLINE_TAX_TIMEZONE: values.timezone }).HOOKLINE_TAX_TIMEZONE
    : config.HOOKLINE_TAX_TIMEZONE;
  const { report, form8949 } = await withStore(config, (store) =>
    storedTaxReport(store, { year, timezone, account: values.account }),
  );
  const text =
    format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : format === '8949'
        ? renderForm8949Csv(form8949)
        : allocationsCsv(report.allocations);
  if (values.output) writeFileSync(values.output, text);
  else process.stdout.write(text);
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
