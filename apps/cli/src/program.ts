// The command line of `pnpm hookline`: every command, its arguments, options and help, on commander.
// `--help` on any command prints its usage and exits 0 before anything runs (no configuration is
// read, no database opened); an unknown command or option, or a missing or malformed value, prints
// what was wrong and the usage of that command on stderr, exit 2. Each command's module is loaded only
// when it runs: `ledger` does not pay for ccxt and fastify, `--help` pays for nothing.
import type { Config } from '@hookline/schemas';
import { Command, CommanderError, Option } from 'commander';
import type { Logger } from 'pino';
import { TAX_FORMATS } from './commands/tax-formats.js';
import { EXIT_USAGE, UsageError } from './usage.js';

/** What the commands need from the process entry. */
export interface ProgramHooks {
  /** Reads and validates the environment; called only by commands that use it. */
  readonly loadConfig: () => Config;
  /** `start` hands over its logger, for the process-fault handlers. */
  readonly onStart: (logger: Logger) => void;
  /** `start` hands over what to stop quickly when the process ends on an uncaught error. */
  readonly onQuickStop: (stop: () => Promise<void>) => void;
  /** Where help and usage errors go (default: stdout and stderr). */
  readonly output?: { readonly writeOut: (text: string) => void; readonly writeErr: (text: string) => void };
}

const EXIT_CODES_HELP = `
Exit codes: 0 success, 1 failure (or a check that found problems), 2 usage error,
78 invalid configuration. \`hookline help <command>\` prints a command's help.`;

/** Runs one command line (without the program name) and resolves with its exit code. */
export async function runProgram(argv: readonly string[], hooks: ProgramHooks): Promise<number> {
  const result = { code: 0 };
  const program = buildProgram(hooks, result);
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (error) {
    // --help and help are CommanderErrors of exit code 0; every other one is a usage error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    throw error;
  }
}

/** The command tree; `result.code` receives the exit code of the command that ran. */
export function buildProgram(hooks: ProgramHooks, result: { code: number }): Command {
  const program = new Command('hookline')
    .usage('<command> [options]')
    .description('Hookline: signals to orders, a 3-second exit sentinel, a tax-grade FIFO ledger.')
    .exitOverride()
    .showHelpAfterError()
    .helpCommand(false)
    .addHelpText('after', EXIT_CODES_HELP);
  if (hooks.output) program.configureOutput(hooks.output);

  const act = (
    command: Command,
    work: (args: readonly string[], options: Record<string, unknown>) => Promise<number> | number,
  ) =>
    command.action(async () => {
      try {
        result.code = await work(command.processedArgs as string[], command.opts());
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        command.error(`error: ${error.message}`, { exitCode: EXIT_USAGE, code: 'hookline.usage' });
      }
    });

  act(
    program
      .command('start')
      .description('run the services until SIGINT/SIGTERM (paper mode unless MODE=live)')
      .argument('[service]', 'both (one process), webhook or sighook', 'both')
      .option('--confirm-live', 'MODE=live: confirm real orders (same as HOOKLINE_LIVE_CONFIRMED=yes)')
      .addHelpText(
        'after',
        `
A first Ctrl-C (or SIGTERM) stops intake, drains and closes; a second one exits at once (exit 130).`,
      ),
    async ([service], options) => {
      const { parseStartTarget, runStart } = await import('./commands/start.js');
      const target = parseStartTarget(service);
      const config = hooks.loadConfig();
      if (!(await import('./live-gate.js')).passLiveGate(config, options.confirmLive === true)) return 1;
      const { createLogger } = await import('@hookline/runtime');
      const logger = createLogger({
        level: config.HOOKLINE_LOG_LEVEL,
        format: config.HOOKLINE_LOG_FORMAT,
        service: target,
      });
      hooks.onStart(logger);
      return await runStart(target, config, logger, { onQuickStop: hooks.onQuickStop });
    },
  );

  const db = program
    .command('db')
    .summary('migrate | migration create <name> | drift')
    .description('database migrations and drift check');
  act(
    db
      .command('migrate')
      .description('apply pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR'),
    async () => (await import('./commands/database.js')).runMigrate(hooks.loadConfig()),
  );
  const migration = db.command('migration').summary('create <name>').description('write migrations');
  act(
    migration
      .command('create')
      .description('write a new migration from the change to prisma/schema.prisma (offline)')
      .argument('<name...>', 'what the migration does, in a few words'),
    async ([name]) => {
      const words = (name as unknown as string[]).join(' ');
      return (await import('./commands/database.js')).runMigrationCreate(words);
    },
  );
  act(
    db
      .command('drift')
      .description(
        'check that the migrations build exactly what prisma/schema.prisma describes (exit 1 if not)',
      ),
    async () => (await import('./commands/database.js')).runDrift(),
  );

  const ledger = program
    .command('ledger')
    .summary(
      'import <file> | sync | recompute | verify | transfer | import-transfers <file>: the FIFO ledger',
    )
    .description('the FIFO ledger: import or sync fills, verify, recompute');
  act(
    ledger
      .command('import')
      .description(
        'import fills from a CSV (time,account,symbol,side,quantity,price,fee,fee_currency,trade_id,order_id); ' +
          'nothing is imported when a row is bad, and every bad row is listed',
      )
      .argument('<file>', 'the CSV file')
      .option(
        '--account <name>',
        'account of rows whose account column is empty (default: HOOKLINE_ACCOUNT, else live)',
      )
      .option('--exchange <name>', 'the venue the fills came from (default EXCHANGE)'),
    async ([file], options) =>
      (await import('./commands/ledger.js')).runLedgerImport(file ?? '', options, hooks.loadConfig()),
  );
  act(
    ledger
      .command('sync')
      .description(
        "pull the account's trade history from the exchange's REST fills into the ledger, page by page; " +
          'resumable: each committed page stores where the next run continues, and fills already in the ' +
          'ledger (recorded live or imported) are counted as already present, not added again',
      )
      .option(
        '--exchange <name>',
        'coinbase, kraken or binance (required; keys from EXCHANGE_API_KEY/SECRET)',
      )
      .option(
        '--since <date>',
        'start here when no position is stored: 2024-01-31 (UTC) or an ISO-8601 instant with Z',
      )
      .option('--account <name>', 'the account the fills belong to (default: HOOKLINE_ACCOUNT, else live)')
      .option(
        '--symbols <A,B>',
        'only these markets, each with its own position (default: every market)',
        collect,
      )
      .option('--restart', 'forget the stored position and start again from --since')
      .option('--page-size <n>', 'fills per page, 1 to 1000 (default 1000)'),
    async (_args, options) =>
      (await import('./commands/ledger-sync.js')).runLedgerSync(options, hooks.loadConfig()),
  );
  act(
    ledger
      .command('recompute')
      .description('rebuild FIFO allocations from the fills (identical when intact)')
      .option('--account <name>', "only this account's books")
      .option('--symbol <symbol>', "only this symbol's base asset (BTC/USD and BTC-USD both mean BTC)"),
    async (_args, options) =>
      (await import('./commands/ledger.js')).runLedgerRecompute(options, hooks.loadConfig()),
  );
  act(
    ledger
      .command('verify')
      .description('check every ledger invariant; exit 1 with a list on any violation')
      .option('--account <name>', "only this account's books (paper included; default: every live account)")
      .option('--symbol <symbol>', "only this symbol's base asset"),
    async (_args, options) =>
      (await import('./commands/ledger.js')).runLedgerVerify(options, hooks.loadConfig()),
  );
  act(
    ledger
      .command('transfer')
      .description("record a move between two of the user's accounts (not a disposal: lots keep their dates)")
      .requiredOption('--from <account>', 'the account the units leave')
      .requiredOption('--to <account>', 'the account they arrive in (must be a recorded account)')
      .requiredOption('--asset <asset>', 'the asset moved, e.g. BTC')
      .requiredOption('--quantity <units>', 'units that arrive')
      .requiredOption('--time <iso>', 'when, ISO-8601 with Z or an offset')
      .option('--fee <units>', 'network fee paid in the asset (a disposal)')
      .option('--fee-price-usd <price>', 'USD price of one unit, valuing the fee (required with --fee)')
      .option('--id <external-id>', 'identifies the transfer: recording it again is a no-op'),
    async (_args, options) =>
      (await import('./commands/ledger-transfer.js')).runLedgerTransfer(options, hooks.loadConfig()),
  );

  act(
    ledger
      .command('import-transfers')
      .argument('<file>', 'CSV: time,from,to,asset,quantity[,fee,fee_price_usd,id]')
      .description(
        'record the transfers of a CSV file, in order, in one transaction (any bad row or refusal: none)',
      ),
    async (args, _options) =>
      (await import('./commands/ledger-transfer-file.js')).runLedgerImportTransfers(
        args[0],
        hooks.loadConfig(),
      ),
  );

  const accounts = program
    .command('accounts')
    .summary("tax ACCOUNT --form F: an account's tax form (the Form 8949 box of its sales)")
    .description('the recorded accounts and their tax configuration');
  act(
    accounts
      .command('tax')
      .description(
        "set which tax form the account's broker sends (1099-B before 2025, 1099-DA from 2025) and " +
          'whether it reported the cost basis: this decides the Form 8949 box (A-F, G-L) of its sales',
      )
      .argument('<account>', 'the account (as recorded by a start or an import)')
      .option('--form <form>', 'NONE, 1099-B or 1099-DA (required)')
      .option('--basis-reported', 'the form reported the cost basis to the IRS (default: not reported)'),
    async ([account], options) =>
      (await import('./commands/accounts.js')).runAccountTax(account ?? '', options, hooks.loadConfig()),
  );

  const tax = program
    .command('tax')
    .summary('report --year YYYY: JSON, allocation CSV, Form 8949 CSV or printable HTML forms')
    .description('tax reports from the ledger');
  act(
    tax
      .command('report')
      .description(
        "the year's disposals: JSON (totals, allocations, Form 8949 by box, Schedule D, per-asset " +
          'summary, year-end positions), allocation CSV, Form 8949 CSV, or the forms as printable HTML',
      )
      .option('--year <YYYY>', 'the tax year (required)')
      .addOption(new Option('--format <format>', 'what to print').choices(TAX_FORMATS).default('json'))
      .option('--timezone <TZ>', 'IANA zone of the tax calendar (default HOOKLINE_TAX_TIMEZONE)')
      .option(
        '--account <name>',
        "only this account's disposals (paper included; default: every live account)",
      )
      .option(
        '--price <ASSET=USD>',
        'price to value year-end holdings at, e.g. BTC=65000 (repeatable; without one: unknown)',
        collect,
      )
      .option('--output <file>', 'write the report to this file (confirmed on stderr) instead of stdout'),
    async (_args, options) =>
      (await import('./commands/tax.js')).runTaxReport(
        options as unknown as import('./commands/tax.js').TaxReportOptions,
        hooks.loadConfig(),
      ),
  );

  act(
    program
      .command('signals')
      .summary('the signal matrix now, or computed offline from a candle file')
      .description(
        'the signal matrix now (from REDIS_URL, else the database; stale or missing rows are named on ' +
          'stderr), or computed offline from a candle file',
      )
      .option(
        '--symbols <A,B>',
        'these symbols (comma-separated or repeated; default HOOKLINE_SIGHOOK_SYMBOLS)',
        collect,
      )
      .option(
        '--candles <file.csv>',
        'compute offline from time,open,high,low,close,volume (symbol = first of --symbols, else the ' +
          'file name upper-cased; settings from HOOKLINE_MATRIX_*)',
      )
      .option(
        '--timeframe <tf>',
        'the candle length of --candles (default: inferred from the gaps between candles)',
      )
      .option('--all', "every candle's row of --candles, not only the last")
      .option('--json', 'JSON instead of a table')
      .option('--output <file>', 'write the rows to this file (confirmed on stderr) instead of stdout'),
    async (_args, options) => {
      const { signalsArguments } = await import('./signals/signals-arguments.js');
      const request = signalsArguments(options);
      return await (await import('./commands/signals.js')).runSignalsCommand(request, hooks.loadConfig());
    },
  );

  act(
    program
      .command('replay')
      .summary('the exit rules and executor over a tick file, in a throwaway database')
      .description(
        'run the real exit rules and executor on the paper exchange over a tick file, in a throwaway ' +
          'database; prints every order, fill and exit with its reason, then the totals (exit settings ' +
          'from the environment)',
      )
      .option('--ticks <file.csv>', 'the prices: time,symbol,bid,ask (required)')
      .option('--entries <file.csv>', 'the entries: time,symbol,quantity')
      .option('--json', 'the whole report as JSON'),
    async (_args, options) =>
      (await import('./commands/replay.js')).runReplayCommand(options, hooks.loadConfig()),
  );

  act(
    program
      .command('backtest')
      .summary('the strategy over historical candles with the code that trades live')
      .description(
        "run the strategy (the matrix's indicators, weights and thresholds, the risk gate, stops and exits " +
          'of the environment or --env FILE) over candle files on the paper exchange and a virtual clock, ' +
          'in a throwaway database; prints the summary, the trades and the tables by exit reason and symbol',
      )
      .option(
        '--candles <file.csv|dir>',
        'time,open,high,low,close,volume; a directory: one file per symbol (required)',
      )
      .option(
        '--symbols <A,B>',
        "the file's symbol, or which files of the directory (default: from the file names)",
        collect,
      )
      .option('--timeframe <tf>', 'the candle length (default: inferred from the files)')
      .option('--from <date>', 'no entry before this (earlier candles warm the indicators up)')
      .option('--to <date>', 'no candle after this')
      .option('--cash <usd>', 'paper USD at the start', '10000')
      .option('--env <file>', 'settings from this env file over the environment')
      .option('--json', 'the report as one JSON object (exact decimals, byte-identical for identical input)')
      .option('--html <file>', 'also write the report as one self-contained HTML page with charts')
      .option(
        '--sweep <KEY=v1,v2>',
        'a parameter sweep: every combination of these configuration values (repeatable), on worker threads',
        collect,
      )
      .option('--rank <metric>', 'what ranks the sweep: sharpe, netProfitPct or calmar (default sharpe)')
      .option(
        '--max-volume-share <share>',
        "an order fills at most this share of each candle's volume, the rest on later candles (default 0.1; none: no cap)",
      )
      .option(
        '--latency-ms <ms>',
        'an order placed at t meets the market from t + ms on, the next quarter-candle point at the earliest (default 0)',
      )
      .option('--output <file>', 'write the report to this file (confirmed on stderr) instead of stdout'),
    async (_args, options) =>
      (await import('./commands/backtest.js')).runBacktestCommand(options, hooks.loadConfig()),
  );

  const data = program
    .command('data')
    .summary('download: historical candles from a venue into CSV files')
    .description('historical market data for backtests and `signals --candles`');
  act(
    data
      .command('download')
      .description(
        "closed candles from the venue's public market data (no keys), paged within its rate limit, " +
          'into <dir>/<timeframe>/<BASE>-<QUOTE>.csv (time,open,high,low,close,volume); a second run ' +
          'continues after the last candle in the file; candles the venue did not return are listed as gaps',
      )
      .option('--exchange <venue>', 'coinbase, kraken or binance (required)')
      .option(
        '--symbols <A,B>',
        'the markets, e.g. BTC-USD,ETH-USD (comma-separated or repeated; required)',
        collect,
      )
      .option('--timeframe <tf>', '1m, 5m, 15m, 30m, 1h, 2h, 6h or 1d (required)')
      .option('--since <date>', 'first candle: 2025-01-01 (UTC) or ISO-8601 with Z or an offset (required)')
      .option('--until <date>', 'candles opening before this (default: up to the last closed candle)')
      .option('--dir <dir>', 'where the files go', 'candles')
      .addHelpText(
        'after',
        `
Exit 0 when every market was downloaded (gaps are listed, not failures), 1 when one stopped on an
error (its complete pages are kept: run again to continue), 2 for a bad flag.`,
      ),
    async (_args, options) => {
      const { downloadArguments } = await import('./data/download-arguments.js');
      const request = downloadArguments(options);
      return await (await import('./commands/data-download.js')).runDataDownload(request);
    },
  );

  act(
    program
      .command('bench')
      .summary('run the benchmarks and print their figures')
      .description(
        'benchmarks: ledger.engine, ledger.import_postgres, exchange.paper, exchange.coinbase_user_stream, ' +
          'webhook.ingest, webhook.alert_to_order, webhook.soak, webhook.replicas, sighook.matrix, sentinel.sweep, sentinel.sweep_io, ' +
          'backtest, dashboard (each figure named target_* is the goal of the figure beside it)',
      )
      .option('--json', 'one JSON object of figures')
      .option('--only <name>', 'only this benchmark (repeatable)', collect)
      .option('--quick', 'smaller sizes, for a smoke run'),
    async (_args, options) => (await import('./commands/bench.js')).runBenchCommand(options),
  );

  const config = program
    .command('config')
    .summary('example | check: .env.example and a readable check of the environment')
    .description('the configuration: .env.example and a check');
  act(
    config.command('example').description('print .env.example (every key, its default and meaning)'),
    async () => (await import('./commands/config.js')).runConfigExample(),
  );
  act(
    config
      .command('check')
      .description(
        'validate the environment and .env and print a summary (secrets hidden); warns of variables ' +
          'that look like misspelt keys',
      )
      .option('--json', 'the whole effective configuration as JSON, secrets redacted'),
    async (_args, options) =>
      (await import('./commands/config.js')).runConfigCheck(options, hooks.loadConfig),
  );

  program
    .command('help')
    .description("print a command's help (`hookline help tax report`)")
    .argument('[command...]', 'the command')
    .action((names: string[]) => {
      let command: Command = program;
      for (const name of names) {
        const next = command.commands.find((candidate) => candidate.name() === name);
        if (next === undefined) {
          command.error(`error: unknown command '${[...namesOf(command), name].join(' ')}'`, {
            exitCode: EXIT_USAGE,
            code: 'commander.unknownCommand',
          });
          return;
        }
        command = next;
      }
      command.outputHelp();
    });
  return program;
}

/** Repeated options (`--symbols A --symbols B`) collect their values. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The names from the program down to `command` (`tax report`), without the program's. */
function namesOf(command: Command): string[] {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) {
    names.unshift(current.name());
  }
  return names;
}
