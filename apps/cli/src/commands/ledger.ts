import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SystemClock } from '@hookline/core';
import type { LedgerViolation } from '@hookline/ledger';
import type { Config } from '@hookline/schemas';
import {
  importLedgerCsv,
  ledgerOptionsFromConfig,
  recomputeStoredLedger,
  type Store,
  verifyStoredLedger,
} from '@hookline/store';
import { withStore } from '../database-access.js';
import { UsageError } from '../usage.js';

/** `ledger import <file>`, `ledger recompute`, `ledger verify`. */
export async function runLedgerCommand(args: readonly string[], config: Config): Promise<number> {
  const [subcommand, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { account: { type: 'string' }, symbol: { type: 'string' }, exchange: { type: 'string' } },
  });
  const asset = values.symbol?.toUpperCase().split(/[/-]/)[0];
  const scope = { account: values.account, asset };
  switch (subcommand) {
    case 'import': {
      const file = positionals[0];
      if (!file) throw new UsageError('usage: ledger import <file.csv> [--account NAME] [--exchange NAME]');
      return await withStore(config, (store) => importFile(store, resolve(file), values, config));
    }
    case 'recompute':
      return await withStore(config, async (store) => {
        const books = await recomputeStoredLedger(store, { scope, ledger: ledgerOptionsFromConfig(config) });
        for (const { book, allocations, changed } of books) {
          process.stdout.write(
            `${book.account} ${book.asset}: ${allocations} allocations${changed ? ' (changed)' : ' (unchanged)'}\n`,
          );
        }
        process.stdout.write(`recomputed ${books.length} book(s)\n`);
        return 0;
      });
    case 'verify':
      return await withStore(config, async (store) => {
        const violations = await verifyStoredLedger(store, {
          scope,
          ledger: ledgerOptionsFromConfig(config),
        });
        return reportViolations(violations);
      });
    default:
      throw new UsageError(
        `unknown ledger command "${subcommand ?? ''}": expected import, recompute or verify`,
      );
  }
}

async function importFile(
  store: Store,
  file: string,
  values: { account?: string; exchange?: string },
  config: Config,
): Promise<number> {
  const result = await importLedgerCsv(store, file, {
    exchange: values.exchange ?? config.EXCHANGE,
    defaultAccount: values.account ?? config.HOOKLINE_ACCOUNT,
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
  process.stdout.write(
    `${file}: ${result.rows} rows, ${result.inserted} fills imported, ${result.duplicates} already present, ` +
      `${result.allocations} allocations written\n`,
  );
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
