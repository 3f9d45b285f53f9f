// `replay --ticks FILE.csv [--entries FILE.csv] [--json]`: the real exit rules and executor against the
// paper exchange on a virtual clock, over a tick file, in a throwaway embedded database (the user's
// database is never touched). The exit settings come from the environment (HOOKLINE_HARD_STOP_PCT,
// HOOKLINE_TRAILING_*, ...), so a configuration can be tried on past prices before it trades.
import { readFileSync } from 'node:fs';
import { type Database, openMemoryDatabase } from '@hookline/db';
import { parseEntryCsv, parseTickCsv } from '@hookline/exchange';
import { createLogger } from '@hookline/runtime';
import type { Config } from '@hookline/schemas';
import { runExitReplay } from '@hookline/webhook';
import { UsageError } from '../usage.js';
import { formatReplayReport } from './replay-text.js';

/** A migrated, empty database for one replay, and how to throw it away afterwards. */
export interface ReplayDatabase {
  readonly database: Database;
  dispose(): Promise<void>;
}

/**
 * Where the report goes and what the replay runs on. The CLI always uses the defaults (stdout, a new
 * embedded database); the golden-output test runs several replays in one process on one migrated
 * database it empties between them, since creating a database takes seconds each time.
 */
export interface ReplayCommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly openDatabase: () => Promise<ReplayDatabase>;
}

const processIo: ReplayCommandIo = { stdout: process.stdout, openDatabase: openThrowawayDatabase };

/** Options of `replay`, as given on the command line. */
export interface ReplayOptions {
  /** --ticks FILE.csv (required; checked here so the message names the columns). */
  readonly ticks?: string;
  /** --entries FILE.csv: the entries (time,symbol,quantity). */
  readonly entries?: string;
  readonly json?: boolean;
}

/** The account of a replay's throwaway database when HOOKLINE_ACCOUNT is unset. */
const REPLAY_ACCOUNT = 'default';

/** Runs the replay and prints its report; 0 on success. */
export async function runReplayCommand(
  options: ReplayOptions,
  config: Config,
  io: ReplayCommandIo = processIo,
): Promise<number> {
  if (options.ticks === undefined)
    throw new UsageError('replay needs --ticks FILE.csv (time,symbol,bid,ask)');
  const ticksCsv = readInput(options.ticks, '--ticks');
  const entriesCsv = options.entries === undefined ? undefined : readInput(options.entries, '--entries');
  // A bad line is reported before the throwaway database is created (that takes seconds).
  parseTickCsv(ticksCsv);
  if (entriesCsv !== undefined) parseEntryCsv(entriesCsv);
  // Logs go to stderr: stdout carries the report (JSON is piped into other tools).
  const logger = createLogger(
    { level: config.HOOKLINE_LOG_LEVEL, format: config.HOOKLINE_LOG_FORMAT, service: 'replay' },
    process.stderr,
  );
  const database = await io.openDatabase();
  try {
    // The throwaway database holds one account, never a paper or live one: it keeps the name replays
    // always had when HOOKLINE_ACCOUNT is unset, so its ids (seeded by the account) stay reproducible.
    const replayConfig = { ...config, HOOKLINE_ACCOUNT: config.HOOKLINE_ACCOUNT ?? REPLAY_ACCOUNT };
    const report = await runExitReplay({
      database: database.database,
      ticksCsv,
      entriesCsv,
      config: replayConfig,
      logger,
    });
    io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReplayReport(report));
    return 0;
  } finally {
    await database.dispose();
  }
}

/**
 * A new embedded database in memory, gone on dispose (the user's database is never touched). In memory
 * rather than in a temporary folder: nothing of it needs to outlive the run, and every statement is
 * cheaper without the file system (a backtest runs hundreds of thousands).
 */
export async function openThrowawayDatabase(): Promise<ReplayDatabase> {
  const database = await openMemoryDatabase();
  return { database, dispose: () => database.close() };
}

function readInput(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
