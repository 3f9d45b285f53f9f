// One scenario's Hookline, run as in production: its own database on the run's PostgreSQL server,
// reached by the service only THROUGH a TCP proxy the test can cut; its own persistent redis-server the
// test can kill and restart; the webhook service as its own process in paper mode. The checks read the
// database directly (not through the proxy), so they work during a cut.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@hookline/runtime';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/databases.js';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.js';
import {
  awaitRecovery,
  duplicateTotal,
  findDuplicates,
  findSecretLeaks,
  type Recovery,
  settlementProblems,
} from './chaos-checks.js';
import { recordSummary, type ScenarioSummary } from './chaos-summary.js';
import { killAllChildren } from './child-processes.js';
import { LoadGenerator } from './load-generator.js';
import { type RestartableRedis, startRestartableRedis } from './redis-server.js';
import { cleanEnvironment, repositoryRoot, runHookline, WebhookProcess } from './webhook-process.js';

/** The secrets the service is configured with; none may show up in a log, a table or Redis. */
export interface ChaosSecrets {
  readonly passphrase: string;
  readonly adminToken: string;
}

/** What a scenario works with. */
export interface ChaosSystem {
  readonly scenario: string;
  readonly webhook: WebhookProcess;
  /** The proxy between the service and PostgreSQL. */
  readonly postgres: TcpProxy;
  readonly redis: RestartableRedis;
  /** The scenario's database, directly (for the checks and for seeding). */
  readonly db: pg.Pool;
  readonly load: LoadGenerator;
  readonly secrets: ChaosSecrets;
  readonly logFile: string;
  /** Runs `pnpm hookline ledger verify` against the database (directly); ok when it exits 0. */
  verifyLedger(): Promise<{ ok: boolean; output: string }>;
  /**
   * The shared checks: waits (at most `timeoutMs` after `faultEndedAtMs`) until every alert answered
   * 202 is processed, then counts duplicates, verifies the ledger and scans for secrets. Records and
   * prints the summary, and returns it; the scenario asserts that `problems` is empty.
   */
  finish(options: FinishOptions): Promise<ScenarioSummary>;
}

/** How a scenario ends. */
export interface FinishOptions {
  readonly faultEndedAtMs: number;
  readonly timeoutMs: number;
  /** Alerts answered 202 that the load generator did not send (seeded or sent by hand). */
  readonly moreAcceptedIds?: readonly string[];
  /** Problems the scenario found itself (exit codes, answers). */
  readonly problems?: readonly string[];
  readonly details?: Record<string, unknown>;
}

/** Configuration keys the chaos service runs with, besides the connections and the secrets. */
const SERVICE_SETTINGS = {
  MODE: 'paper',
  HOOKLINE_LOG_LEVEL: 'info',
  // One test client sends everything: the per-sender limit would answer most of the load 429.
  HOOKLINE_WEBHOOK_RATE_LIMIT: '0',
};

/**
 * Registers beforeAll/afterAll for one scenario's system and returns its getter. afterAll kills every
 * process the scenario started, even after a failure, then drops the database.
 */
export function useChaosSystem(scenario: string): () => ChaosSystem {
  let system: ChaosSystem | undefined;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const started = await startChaosSystem(scenario);
    system = started.system;
    close = started.close;
  });
  afterAll(async () => {
    system?.webhook.stopSupervising();
    await killAllChildren();
    await close?.();
  });
  return () => {
    if (!system) throw new Error('the chaos system exists only inside the scenario');
    return system;
  };
}

async function startChaosSystem(
  scenario: string,
): Promise<{ system: ChaosSystem; close: () => Promise<void> }> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const database: TestDatabase = await createTestDatabase('chaos');
    closers.push(() => database.drop());
    const directUrl = new URL(database.url);
    const postgres = await startTcpProxy({ host: directUrl.hostname, port: Number(directUrl.port) });
    closers.push(() => postgres.close());
    const proxiedUrl = new URL(database.url);
    proxiedUrl.port = String(postgres.port);
    const redis = await startRestartableRedis();
    closers.push(() => redis.close());
    const db = new pg.Pool({ connectionString: database.url, max: 4 });
    db.on('error', () => {}); // an idle client's error surfaces on the next query
    closers.push(() => db.end());
    const dataDir = mkdtempSync(join(tmpdir(), `hookline-chaos-${scenario}-`));
    closers.push(async () => rmSync(dataDir, { recursive: true, force: true }));

    const secrets: ChaosSecrets = {
      passphrase: `chaos-pass-${randomBytes(9).toString('hex')}`,
      adminToken: `chaos-admin-${randomBytes(12).toString('hex')}`,
    };
    const logDirectory = join(repositoryRoot, '.tmp', 'chaos-logs');
    mkdirSync(logDirectory, { recursive: true });
    const logFile = join(logDirectory, `${scenario}.log`);
    writeFileSync(logFile, '');

    const migrated = await runHookline(
      ['db', 'migrate'],
      cleanEnvironment({ DATABASE_URL: database.url, DATA_DIR: dataDir }),
    );
    if (migrated.code !== 0) throw new Error(`db migrate failed (${migrated.code}): ${migrated.output}`);

    const port = await findFreePort();
    const webhook = new WebhookProcess({
      port,
      logFile,
      env: cleanEnvironment({
        ...SERVICE_SETTINGS,
        DATABASE_URL: proxiedUrl.toString(),
        REDIS_URL: redis.url,
        PORT: String(port),
        DATA_DIR: dataDir,
        WEBHOOK_PASSPHRASE: secrets.passphrase,
        ADMIN_TOKEN: secrets.adminToken,
      }),
    });
    await webhook.start();
    const load = new LoadGenerator({
      baseUrl: webhook.baseUrl,
      passphrase: secrets.passphrase,
      idPrefix: `${scenario}-${randomBytes(3).toString('hex')}`,
    });

    const verifyLedger = async () => {
      const result = await runHookline(
        ['ledger', 'verify'],
        cleanEnvironment({ DATABASE_URL: database.url, DATA_DIR: dataDir }),
      );
      return { ok: result.code === 0, output: result.output.trim() };
    };

    const system: ChaosSystem = {
      scenario,
      webhook,
      postgres,
      redis,
      db,
      load,
      secrets,
      logFile,
      verifyLedger,
      finish: async (options) => {
        const accepted = [...new Set([...load.acceptedAlertIds(), ...(options.moreAcceptedIds ?? [])])];
        const recovery: Recovery = await awaitRecovery(
          db,
          accepted,
          options.faultEndedAtMs,
          options.timeoutMs,
        );
        const duplicates = await findDuplicates(db);
        const ledger = await verifyLedger();
        const leaks = await findSecretLeaks({
          secrets: { passphrase: secrets.passphrase, 'admin token': secrets.adminToken },
          logFile,
          db,
          redisUrl: redis.url,
        });
        const serverErrors = load
          .answers()
          .filter((answer) => answer.status !== undefined && answer.status >= 500 && answer.status !== 503);
        const problems = [
          ...(options.problems ?? []),
          ...(serverErrors.length === 0
            ? []
            : [
                `${serverErrors.length} alert(s) answered ${[...new Set(serverErrors.map((a) => a.status))].join('/')} ` +
                  'instead of 503 (an outage must say "try again", not "server bug")',
              ]),
          ...settlementProblems(recovery, options.timeoutMs),
          ...(duplicateTotal(duplicates) > 0 ? [`duplicates: ${JSON.stringify(duplicates)}`] : []),
          ...(ledger.ok ? [] : [`ledger verify failed: ${ledger.output}`]),
          ...leaks.map((leak) => `the ${leak.secret} is in ${leak.where}`),
        ];
        const summary: ScenarioSummary = {
          scenario,
          acknowledged: recovery.settlement.acknowledged,
          processed: recovery.settlement.processed,
          duplicates: duplicateTotal(duplicates),
          faultToRecoveryMs: recovery.recoveryMs ?? null,
          answers: load.statusCounts(),
          problems,
          details: { statuses: recovery.settlement.statuses, ...options.details },
        };
        recordSummary(summary);
        return summary;
      },
    };
    return { system, close };
  } catch (error) {
    await killAllChildren();
    await close();
    throw error;
  }
}
