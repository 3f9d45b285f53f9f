// Several webhook replicas as production runs them: each its own process (`hookline start webhook`,
// live mode) with its own port and DATA_DIR, all on ONE PostgreSQL database, ONE redis-server and ONE
// venue (the local Coinbase: real HTTP, WebSocket and JWTs, one matching engine every replica trades
// on), behind one address (a round-robin balancer). Paper mode cannot serve here: its simulated
// exchange lives inside each process, so replicas would trade three different venues.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@hookline/runtime';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase } from '../../support/databases.js';
import { type RoundRobinProxy, startRoundRobinProxy } from '../../support/round-robin-proxy.js';
import {
  type CoinbaseTestServer,
  startCoinbaseServer,
} from '../../support/venues/coinbase-server/coinbase-server.js';
import { quoteLive } from '../../support/venues/coinbase-server/live-quotes.js';
import { killAllChildren } from './child-processes.js';
import { LoadGenerator } from './load-generator.js';
import { type RestartableRedis, startRestartableRedis } from './redis-server.js';
import { cleanEnvironment, repositoryRoot, runHookline, WebhookProcess } from './webhook-process.js';

/** What a replica scenario works with. */
export interface ReplicaSystem {
  readonly scenario: string;
  readonly replicas: readonly WebhookProcess[];
  /** The one address alerts are sent to. */
  readonly front: RoundRobinProxy;
  readonly venue: CoinbaseTestServer;
  readonly db: pg.Pool;
  readonly redis: RestartableRedis;
  readonly load: LoadGenerator;
  /** The READ_TOKEN of every replica (for /metrics). */
  readonly readToken: string;
  /** Runs `pnpm hookline ledger verify` against the database; ok when it exits 0. */
  verifyLedger(): Promise<{ ok: boolean; output: string }>;
}

/** Settings every replica runs with, besides its connections, port and secrets. */
const REPLICA_SETTINGS = {
  MODE: 'live',
  HOOKLINE_LIVE_CONFIRMED: 'yes',
  EXCHANGE: 'coinbase',
  HOOKLINE_LOG_LEVEL: 'info',
  HOOKLINE_WEBHOOK_RATE_LIMIT: '0',
  HOOKLINE_ENTRY_SIZE_USD: '25',
  // A dead leader's leases expire within seconds, so a takeover happens inside the scenario.
  HOOKLINE_SENTINEL_INTERVAL_MS: '1000',
  HOOKLINE_SENTINEL_LEASE_TTL_MS: '4000',
};

/** Registers beforeAll/afterAll for `count` replicas and returns the system's getter. */
export function useReplicaSystem(scenario: string, count: number): () => ReplicaSystem {
  let system: ReplicaSystem | undefined;
  const closers: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    system = await startReplicaSystem(scenario, count, closers);
  });
  afterAll(async () => {
    for (const replica of system?.replicas ?? []) replica.stopSupervising();
    await killAllChildren();
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  });
  return () => {
    if (!system) throw new Error('the replica system exists only inside the scenario');
    return system;
  };
}

async function startReplicaSystem(
  scenario: string,
  count: number,
  closers: Array<() => Promise<void>>,
): Promise<ReplicaSystem> {
  const database = await createTestDatabase('replicas');
  closers.push(() => database.drop());
  const redis = await startRestartableRedis();
  closers.push(() => redis.close());
  const venue = await startCoinbaseServer({ heartbeatIntervalMs: 500 });
  closers.push(() => venue.close());
  const stopQuoting = quoteLive(venue.venue);
  closers.push(async () => stopQuoting());
  const db = new pg.Pool({ connectionString: database.url, max: 4 });
  db.on('error', () => {});
  closers.push(() => db.end());

  const migrated = await runHookline(['db', 'migrate'], cleanEnvironment({ DATABASE_URL: database.url }));
  if (migrated.code !== 0) throw new Error(`db migrate failed (${migrated.code}): ${migrated.output}`);

  const passphrase = `replica-pass-${randomBytes(9).toString('hex')}`;
  const readToken = `replica-read-${randomBytes(12).toString('hex')}`;
  const logDirectory = join(repositoryRoot, '.tmp', 'chaos-logs');
  mkdirSync(logDirectory, { recursive: true });
  const replicas: WebhookProcess[] = [];
  for (let index = 0; index < count; index += 1) {
    const port = await findFreePort();
    const dataDir = mkdtempSync(join(tmpdir(), `hookline-replica-${index}-`));
    closers.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const logFile = join(logDirectory, `${scenario}-replica-${index}.log`);
    writeFileSync(logFile, '');
    replicas.push(
      new WebhookProcess({
        port,
        logFile,
        env: cleanEnvironment({
          ...REPLICA_SETTINGS,
          EXCHANGE_API_KEY: venue.apiKey.name,
          EXCHANGE_API_SECRET: venue.apiKey.privateKeyPem,
          EXCHANGE_REST_URL: venue.restUrl,
          EXCHANGE_WS_URL: venue.wsUrl,
          EXCHANGE_WS_USER_URL: venue.wsUserUrl,
          DATABASE_URL: database.url,
          REDIS_URL: redis.url,
          PORT: String(port),
          DATA_DIR: dataDir,
          WEBHOOK_PASSPHRASE: passphrase,
          READ_TOKEN: readToken,
        }),
      }),
    );
  }
  // One after the other: each start compiles the CLI, and two cores are all there is.
  for (const replica of replicas) await replica.start(90_000);
  const front = await startRoundRobinProxy(replicas.map((replica) => replica.baseUrl));
  closers.push(() => front.close());
  const load = new LoadGenerator({
    baseUrl: front.url,
    passphrase,
    idPrefix: `${scenario}-${randomBytes(3).toString('hex')}`,
  });
  return {
    scenario,
    replicas,
    front,
    venue,
    db,
    redis,
    load,
    readToken,
    verifyLedger: async () => {
      const result = await runHookline(
        ['ledger', 'verify'],
        cleanEnvironment({ DATABASE_URL: database.url }),
      );
      return { ok: result.code === 0, output: result.output.trim() };
    },
  };
}

/** One replica's sentinel as its /metrics shows it. */
export interface SentinelSample {
  readonly replica: number;
  readonly leader: boolean;
  readonly sweeps: number;
}

/** Reads the sentinel gauges of every running replica (a replica that does not answer is left out). */
export async function sampleSentinels(
  replicas: readonly WebhookProcess[],
  readToken: string,
): Promise<SentinelSample[]> {
  const samples = await Promise.all(
    replicas.map(async (replica, index) => {
      if (!replica.isRunning()) return undefined;
      try {
        const response = await fetch(`${replica.baseUrl}/metrics`, {
          headers: { authorization: `Bearer ${readToken}` },
          signal: AbortSignal.timeout(2_000),
        });
        const text = await response.text();
        const leader = /^hookline_sentinel_leader (\S+)$/m.exec(text)?.[1];
        const sweeps = /^hookline_sentinel_sweeps_total (\S+)$/m.exec(text)?.[1];
        if (leader === undefined || sweeps === undefined) return undefined;
        return { replica: index, leader: leader === '1', sweeps: Number(sweeps) };
      } catch {
        return undefined;
      }
    }),
  );
  return samples.filter((sample): sample is SentinelSample => sample !== undefined);
}
