import { resolve } from 'node:path';
import { SystemClock } from '@hookline/core';
import type { LedgerViolation } from '@hookline/ledger';
import { type Config, tradingAccountOf } from '@hookline/schemas';
import {
  coverageLine,
  importLedgerCsv,
  ledgerOptionsFromConfig,
  recomputeStoredLedger,
  type Store,
  verifyReportedLedger,
} from '@hookline/store';
import { withStore } from '../database-access.js';

/** Options of `ledger recompute` and `ledger verify`: the books to cover. */
export interface LedgerScopeOptions {
  /** --account NAME: only this account's books (verify: paper included; default every live account). */
  readonly account?: string;
  /** --symbol S: only the books of this symbol's base asset (`BTC/USD` and `BTC-USD` both mean BTC). */
  readonly symbol?: string;
}

/** Options of `ledger import <file>`. */
export interface LedgerImportOptions {
  /** --account NAME: the account of rows whose account column is empty (default: the account a live start trades, `live` unless HOOKLINE_ACCOUNT). */
  readonly account?: string;
  /** --exchange NAME: the venue the fills came from (default EXCHANGE). */
  readonly exchange?: string;
}

function scopeOf(options: LedgerScopeOptions) {
  return { account: options.account, asset: options.symbol?.toUpperCase().split(/[/-]/)[0] };
}

/** `ledger import <file> [--account A] [--exchange E]`: exit 1 (nothing imported) on any bad row. */
export async function runLedgerImport(
  file: string,
  options: LedgerImportOptions,
  config: Config,
): Promise<number> {
  return await withStore(config, (store) => importFile(store, resolve(file), options, config));
}

/** `ledger recompute [--account A] [--symbol S]`: rebuilds FIFO allocations from the fills. */
export async function runLedgerRecompute(options: LedgerScopeOptions, config: Config): Promise<number> {
  return await withStore(config, async (store) => {
    const books = await recomputeStoredLedger(store, {
      scope: scopeOf(options),
      ledger: ledgerOptionsFromConfig(config),
    });
    for (const { book, allocations, changed } of books) {
      process.stdout.write(
        `${book.account} ${book.asset}: ${allocations} allocations${changed ? ' (changed)' : ' (unchanged)'}\n`,
      );
    }
    process.stdout.write(`recomputed ${books.length} book(s)\n`);
    return 0;
  });
}

/**
 * `ledger verify [--account A] [--symbol S]`: the live accounts' books (or account A's, paper
 * included); exit 1 with a list on any broken invariant.
 */
export async function runLedgerVerify(options: LedgerScopeOptions, config: Config): Promise<number> {
  return await withStore(config, async (store) => {
    const { accounts, violations } = await verifyReportedLedger(store, {
      ...scopeOf(options),
      ledger: ledgerOptionsFromConfig(config),
    });
    process.stdout.write(`${coverageLine(accounts)}\n`);
    return reportViolations(violations);
  });
}

async function importFile(
  store: Store,
  file: string,
  values: LedgerImportOptions,
  config: Config,
): Promise<number> {
  const result = await importLedgerCsv(store, file, {
    exchange: values.exchange ?? config.EXCHANGE,
    // A venue's fills CSV is real history: by default it goes to the account a live start trades.
    defaultAccount: values.account ?? tradingAccountOf({ ...config, MODE: 'live' }),
    clock: new SystemClock(),
    ledger: ledgerOptionsFromConfig(config),
    onProgress: (message) => process.stderr.write(`${message}\n`),
  });
  if (!result.ok) {
    process.stderr.write(
      `${file}: nothing imported, ${result.badRows} bad row(s):\n  ${result.problems.join('\n  ')}\n`,
    );
    return 1;
  }
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning.message}\n`);
  const skipped = result.skipped.map(([kind, count]) => `${count} ${kind}`).join(', ');
  process.stdout.write(
    `${file}: ${result.format} format${skipped ? `; not trades, skipped: ${skipped}` : ''}\n`,
  );
  process.stdout.write(
    `${file}: ${result.rows} rows, ${result.inserted} fills imported, ${result.duplicates} already present, ` +
      `${result.allocations} allocations written\n`,
  );
  process.stdout.write(`${coverageLine(result.accounts)}\n`);
  return 0;
}

function reportViolations(violations: readonly LedgerViolation[]): number {
  const errors = violations.filter((violation) => violation.severity === 'error');
  const warnings = violations.filter((violation) => violation.severity === 'warning');
  for (const warning of warnings) process.stdout.write(`warning ${warning.rule}: ${warning.message}\n`);
  for (const error of errors) process.stdout.write(`error ${error.rule}: ${error.message}\n`);
  process.stdout.write(
    errors.length === 0
      ? `ledger verified: no broken invariant (${warnings.length} warning(s))\n`
      : `ledger verify failed: ${errors.length} broken invariant(s)\n`,
  );
  return errors.length === 0 ? 0 : 1;
}
