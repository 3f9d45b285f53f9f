// `ledger sync --exchange E [--since DATE] [--account A] [--symbols S1,S2] [--restart]`: the user's
// trade history from the exchange's REST fills (ccxt fetchMyTrades through the live adapter) into the
// FIFO ledger, page by page, resumable. Bad flags and missing keys: one line, exit 2, nothing read.
import { SystemClock } from '@hookline/core';
import { type Config, tradingAccountOf } from '@hookline/schemas';
import { ledgerOptionsFromConfig, registerAccount } from '@hookline/store';
import { withStore } from '../database-access.js';
import { openLiveExchange } from '../infrastructure.js';
import { type FillSyncRequest, NoStartError, syncFillHistory } from '../ledger-sync/fill-sync.js';
import { syncReportLines } from '../ledger-sync/sync-report.js';
import { EXIT_USAGE, UsageError } from '../usage.js';

/** Options of `ledger sync`, as commander gives them. */
export interface LedgerSyncOptions {
  readonly exchange?: string;
  readonly since?: string;
  readonly account?: string;
  readonly symbols?: readonly string[];
  readonly restart?: boolean;
  readonly pageSize?: string;
}

const SYNC_VENUES = ['coinbase', 'kraken', 'binance'] as const satisfies readonly Config['EXCHANGE'][];
type SyncVenue = (typeof SYNC_VENUES)[number];

/** The venue, start and page size the flags name; a usage error says which flag is wrong. */
export function syncArguments(options: LedgerSyncOptions) {
  const exchange = options.exchange?.trim().toLowerCase() ?? '';
  if (!(SYNC_VENUES as readonly string[]).includes(exchange))
    throw new UsageError(
      `--exchange must be one of ${SYNC_VENUES.join(', ')} (got ${options.exchange ?? 'nothing'})`,
    );
  const since = options.since === undefined ? undefined : parseSince(options.since);
  if (options.restart === true && since === undefined)
    throw new UsageError('--restart starts again from --since: give --since');
  const pageSize = Number(options.pageSize ?? '1000');
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 1000)
    throw new UsageError(`--page-size must be a whole number from 1 to 1000 (got ${options.pageSize})`);
  const symbols = (options.symbols ?? [])
    .flatMap((value) => value.split(','))
    .map((symbol) => symbol.trim().toUpperCase().replace('-', '/'))
    .filter((symbol) => symbol !== '');
  return { venue: exchange as SyncVenue, since, pageSize, symbols: [...new Set(symbols)] };
}

/** `YYYY-MM-DD` (midnight UTC) or an ISO-8601 instant with Z or an offset. */
function parseSince(text: string): Date {
  const trimmed = text.trim();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(trimmed);
  const instant = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d\d:\d\d)$/.test(trimmed);
  const date = new Date(day ? `${trimmed}T00:00:00Z` : trimmed);
  if (
    (!day && !instant) ||
    Number.isNaN(date.getTime()) ||
    (day && date.toISOString().slice(0, 10) !== trimmed)
  )
    throw new UsageError(
      `--since must be a date like 2024-01-31 or an ISO-8601 instant with Z (got ${text})`,
    );
  return date;
}

/** Runs the sync of each symbol (or of every market) in sequence; exit 1 when one stopped on an error. */
export async function runLedgerSync(options: LedgerSyncOptions, config: Config): Promise<number> {
  const { venue, since, pageSize, symbols } = syncArguments(options);
  if (config.EXCHANGE_API_KEY === undefined || config.EXCHANGE_API_SECRET === undefined) {
    process.stderr.write(
      `hookline: ledger sync needs the ${venue} API keys: set EXCHANGE_API_KEY and EXCHANGE_API_SECRET\n`,
    );
    return EXIT_USAGE;
  }
  const account = options.account ?? tradingAccountOf({ ...config, MODE: 'live' });
  const clock = new SystemClock();
  const exchange = openLiveExchange({ ...config, EXCHANGE: venue }, clock);
  try {
    return await withStore(config, async (store) => {
      await registerAccount(store, { name: account, mode: 'live', exchange: exchange.name });
      const context = { store, exchange, clock, ledger: ledgerOptionsFromConfig(config) };
      let code = 0;
      for (const symbol of symbols.length === 0 ? [undefined] : symbols) {
        const request: FillSyncRequest = {
          account,
          symbol,
          since,
          restart: options.restart === true,
          pageSize,
        };
        const report = await syncFillHistory(context, request).catch((error: unknown) => {
          if (error instanceof NoStartError) return error;
          throw error;
        });
        if (report instanceof NoStartError) {
          process.stderr.write(`hookline: ${report.message}\n`);
          return EXIT_USAGE;
        }
        for (const line of syncReportLines(report)) process.stdout.write(`${line}\n`);
        if (report.failure !== undefined) code = 1;
        if (report.failure !== undefined) break;
      }
      return code;
    });
  } finally {
    await exchange.close();
  }
}
