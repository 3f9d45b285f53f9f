// `bench --only webhook.replicas`: 1, 2, then 3 webhook replicas, each its own process (`hookline start
// webhook`, live mode) on ONE private PostgreSQL, ONE redis-server and ONE local Coinbase (the venue
// every replica trades on), under the same autocannon load split across them (16 connections in all,
// as a balancer would spread them). The buy guard is on, so every alert is stored, queued and decided
// (BLOCKED) on whichever replica's worker takes its job, without orders the venue would throttle.
// For each replica count: alerts accepted per second, alerts decided per second (until the queue is
// empty), p99, and what the shared servers carried: PostgreSQL connections, Redis clients and Redis
// commands per alert. The bare fastify route is measured in the same run, as everywhere.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@hookline/runtime';
import autocannon from 'autocannon';
import type { Redis } from 'ioredis';
import {
  type CoinbaseTestServer,
  startCoinbaseServer,
} from '../test/support/venues/coinbase-server/coinbase-server.js';
import { quoteLive } from '../test/support/venues/coinbase-server/live-quotes.js';
import { type BenchInfrastructure, startBenchInfrastructure } from './bench-infrastructure.js';
import { measureBareRoute } from './webhook-ingest.js';
import { startWebhook, stopChild, waitUntilReady } from './webhook-process.js';

const PASSPHRASE = 'hookline-replicas-passphrase';
const CONNECTIONS = 16;

/** How long each load runs and which replica counts are measured. */
export interface ReplicaBenchOptions {
  readonly seconds: number;
  readonly replicaCounts: readonly number[];
}

/** Runs every replica count in turn on the same servers; returns the figures by name. */
export async function benchmarkWebhookReplicas(
  options: ReplicaBenchOptions,
): Promise<Record<string, number>> {
  const infrastructure = await startBenchInfrastructure();
  try {
    const venue = await startCoinbaseServer({ heartbeatIntervalMs: 1_000 });
    infrastructure.onStop(() => venue.close());
    const stopQuoting = quoteLive(venue.venue);
    infrastructure.onStop(async () => stopQuoting());
    const bare = await measureBareRoute(options.seconds);
    const figures: Record<string, number> = {
      bare_requests_per_second: round(bare.requests_per_second),
      connections: CONNECTIONS,
      seconds: options.seconds,
    };
    for (const count of options.replicaCounts) {
      const run = await runReplicas(infrastructure, venue, count, options.seconds);
      for (const [name, value] of Object.entries(run)) figures[`replicas_${count}_${name}`] = value;
    }
    const one = figures.replicas_1_decided_per_second;
    for (const count of options.replicaCounts) {
      const decided = figures[`replicas_${count}_decided_per_second`];
      if (one !== undefined && one > 0 && decided !== undefined && count > 1)
        figures[`replicas_${count}_per_1`] = Math.round((decided / one) * 1000) / 1000;
    }
    return figures;
  } finally {
    await infrastructure.stop();
  }
}

async function runReplicas(
  infrastructure: BenchInfrastructure,
  venue: CoinbaseTestServer,
  count: number,
  seconds: number,
): Promise<Record<string, number>> {
  const started: Array<{ url: string; stop: () => Promise<void> }> = [];
  try {
    const children = await Promise.all(
      Array.from({ length: count }, async () => {
        const port = await findFreePort('127.0.0.1');
        const dataDir = mkdtempSync(join(tmpdir(), 'hookline-replicas-'));
        const child = startWebhook({
          MODE: 'live',
          HOOKLINE_LIVE_CONFIRMED: 'yes',
          EXCHANGE: 'coinbase',
          EXCHANGE_API_KEY: venue.apiKey.name,
          EXCHANGE_API_SECRET: venue.apiKey.privateKeyPem,
          EXCHANGE_REST_URL: venue.restUrl,
          EXCHANGE_WS_URL: venue.wsUrl,
          EXCHANGE_WS_USER_URL: venue.wsUserUrl,
          PORT: String(port),
          HOOKLINE_HOST: '127.0.0.1',
          WEBHOOK_PASSPHRASE: PASSPHRASE,
          DATABASE_URL: infrastructure.postgresUrl,
          REDIS_URL: infrastructure.redisUrl,
          DATA_DIR: dataDir,
          HOOKLINE_LOG_LEVEL: 'error',
          HOOKLINE_WEBHOOK_RATE_LIMIT: '0',
          HOOKLINE_BUY_GUARD: 'true',
        });
        const url = `http://127.0.0.1:${port}`;
        started.push({
          url,
          stop: async () => {
            await stopChild(child);
            rmSync(dataDir, { recursive: true, force: true });
          },
        });
        await waitUntilReady(url, child, 120_000);
        return url;
      }),
    );
    const commandsBefore = await redisCommands(infrastructure.redis);
    const startedMs = Date.now();
    let peakConnections = 0;
    const sampler = setInterval(() => {
      void postgresConnections(infrastructure).then((n) => {
        peakConnections = Math.max(peakConnections, n);
      });
    }, 500);
    let results: autocannon.Result[];
    try {
      results = await Promise.all(
        children.map((url, index) =>
          load(url, seconds, Math.floor(CONNECTIONS / count) + (index < CONNECTIONS % count ? 1 : 0)),
        ),
      );
    } finally {
      clearInterval(sampler);
    }
    const accepted = results.reduce((sum, result) => sum + result['2xx'], 0);
    await drained(infrastructure, 180_000);
    const decidedMs = Date.now() - startedMs;
    const commands = (await redisCommands(infrastructure.redis)) - commandsBefore;
    return {
      accepted_per_second: round(accepted / seconds),
      decided_per_second: round(accepted / (decidedMs / 1000)),
      p99_ms: Math.max(...results.map((result) => result.latency.p99)),
      non2xx: results.reduce((sum, result) => sum + result.non2xx + result.errors, 0),
      postgres_connections_peak: peakConnections,
      redis_clients: await redisClients(infrastructure.redis),
      redis_commands_per_alert: accepted === 0 ? 0 : round(commands / accepted),
    };
  } finally {
    await Promise.all(started.map((replica) => replica.stop()));
  }
}

async function load(url: string, seconds: number, connections: number): Promise<autocannon.Result> {
  return await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/webhook',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: alert() }),
      },
    ],
  });
}

/** Waits until no alert is left ACCEPTED (every one decided by some replica). */
async function drained(infrastructure: BenchInfrastructure, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const prisma = infrastructure.database.prisma;
  while ((await prisma.alert.count({ where: { status: 'ACCEPTED' } })) > 0) {
    if (Date.now() > deadline) throw new Error(`alerts still ACCEPTED ${timeoutMs} ms after the load`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function postgresConnections(infrastructure: BenchInfrastructure): Promise<number> {
  const rows = await infrastructure.database.prisma.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()`;
  return rows[0]?.n ?? 0;
}

async function redisCommands(redis: Redis): Promise<number> {
  return Number(/total_commands_processed:(\d+)/.exec(await redis.info('stats'))?.[1] ?? 0);
}

async function redisClients(redis: Redis): Promise<number> {
  return Number(/connected_clients:(\d+)/.exec(await redis.info('clients'))?.[1] ?? 0);
}

/** A buy alert with a unique id, so each one is stored and decided. */
function alert(): string {
  return JSON.stringify({
    passphrase: PASSPHRASE,
    id: randomUUID(),
    ticker: 'COINBASE:BTCUSD',
    action: 'buy',
    time: new Date().toISOString(),
  });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
