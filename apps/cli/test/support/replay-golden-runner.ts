// Runs the replay command over several scenario folders in one process: `node --import tsx
// replay-golden-runner.ts DIR...`, started from the repository root with a clean environment, as the
// CLI is. Each scenario gets the CLI's own configuration loading under its `env` settings, and one
// migrated embedded database emptied before each run: creating a database costs seconds of CPU, an
// emptied one is in the state a freshly migrated one is in.
// Prints one JSON line per folder: { dir, code, stdout, error }.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrateDatabase, openDatabase } from '@hookline/db';
import { type ReplayDatabase, runReplayCommand } from '../../src/commands/replay.js';
import { loadEnvironment } from '../../src/environment.js';
import { replayOptions, scenarioEnvironment } from './replay-golden.js';

// Every table but the migrations' emptied and every sequence restarted (fills.arrival_seq is printed
// order), so no run sees a row or a number the previous one left.
async function emptied(database: Database): Promise<ReplayDatabase> {
  const { prisma } = database;
  const tables = await prisma.$queryRaw<Array<{ name: string }>>`
    SELECT quote_ident(tablename) AS name FROM pg_tables
    WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  await prisma.$executeRawUnsafe(
    `TRUNCATE ${tables.map((table) => table.name).join(', ')} RESTART IDENTITY CASCADE`,
  );
  return { database, dispose: async () => {} };
}

// Each scenario sees the environment the process started with plus its own settings, nothing of the last.
const startEnvironment = { ...process.env };
function useEnvironment(settings: Record<string, string>): void {
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, startEnvironment, settings);
}

async function runScenario(database: Database, dir: string) {
  const chunks: string[] = [];
  try {
    useEnvironment(scenarioEnvironment(dir));
    const code = await runReplayCommand(replayOptions(dir), loadEnvironment(), {
      stdout: { write: (text: string) => chunks.push(text) },
      openDatabase: () => emptied(database),
    });
    return { dir, code, stdout: chunks.join(''), error: null };
  } catch (error) {
    const stack = error instanceof Error ? error.stack : String(error);
    return { dir, code: null, stdout: chunks.join(''), error: stack };
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'hookline-replay-golden-'));
try {
  await migrateDatabase({ dataDir });
  const database = await openDatabase({ dataDir });
  try {
    for (const dir of process.argv.slice(2)) {
      process.stdout.write(`${JSON.stringify(await runScenario(database, dir))}\n`);
    }
  } finally {
    await database.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
