// webhook.ingest: POST /webhook throughput and latency with autocannon against the real service,
// beside a bare fastify route on the same server setup, in the same run.
import { randomUUID } from 'node:crypto';
import { createLogger, findFreePort, ReadinessRegistry } from '@hookline/runtime';
import { buildWebhookApp } from '@hookline/webhook';
import autocannon from 'autocannon';
import { BENCH_PASSPHRASE, startBenchServer } from './webhook-server.js';

export interface IngestFigures {
  readonly [figure: string]: number;
}

export interface Run {
  requests_per_second: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: number;
}

/** One autocannon run against 127.0.0.1; every request gets a fresh body from `body()`. */
async function cannon(url: string, path: string, seconds: number, body: () => string): Promise<Run> {
  const result = await autocannon({
    url,
    connections: 16,
    pipelining: 1,
    duration: seconds,
    timeout: 5,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: body() }),
      },
    ],
  });
  return {
    requests_per_second: result.requests.average,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

/** A Hookline-template alert with a unique id (so each one is stored, never deduplicated). */
function uniqueAlert(): string {
  return JSON.stringify({
    passphrase: BENCH_PASSPHRASE,
    id: randomUUID(),
    ticker: 'COINBASE:BTCUSD',
    action: 'buy',
    time: new Date().toISOString(),
  });
}

/**
 * The peer every HTTP figure is judged against: `buildWebhookApp` with its health routes only plus
 * `POST /bare` answering 202, under the same autocannon run (16 connections, a fresh alert body each).
 */
export async function measureBareRoute(seconds: number): Promise<Run> {
  const bare = buildWebhookApp({
    logger: createLogger({ level: 'silent', service: 'bench' }),
    readiness: new ReadinessRegistry(),
    health: { services: ['webhook'], mode: 'paper' },
  });
  bare.post('/bare', async (_request, reply) => reply.code(202).send({ accepted: true }));
  try {
    const port = await findFreePort('127.0.0.1');
    await bare.listen({ host: '127.0.0.1', port });
    return await cannon(`http://127.0.0.1:${port}`, '/bare', seconds, uniqueAlert);
  } finally {
    await bare.close();
  }
}

/**
 * The bare route first (buildWebhookApp with health routes only plus `POST /bare` → 202), then the
 * real service (startWebhookService: ingress, Postgres, Redis, the pipeline consuming in the same
 * process). The buy guard is on so the pipeline decides each alert (BLOCKED) without placing orders.
 */
export async function benchmarkWebhookIngest(options: { seconds: number }): Promise<IngestFigures> {
  const bareRun = await measureBareRoute(options.seconds);
  const server = await startBenchServer({ env: { HOOKLINE_BUY_GUARD: 'true' } });
  let realRun: Run;
  let stored: number;
  try {
    realRun = await cannon(server.url, '/webhook', options.seconds, uniqueAlert);
    stored = await server.database.prisma.alert.count();
  } finally {
    await server.stop();
  }
  const prefixed = (prefix: string, run: Run) =>
    Object.fromEntries(Object.entries(run).map(([key, value]) => [`${prefix}_${key}`, value]));
  return {
    ...prefixed('webhook', realRun),
    webhook_alerts_stored: stored,
    ...prefixed('bare', bareRun),
    // The service's share of what the bare route reached on the same machine in the same run: on a
    // shared machine the absolute figures move with the load, this much less.
    webhook_per_bare: Math.round((realRun.requests_per_second / bareRun.requests_per_second) * 1000) / 1000,
    // The target: 5,000 alerts/s per process with p99 under 25 ms, every alert committed before its answer.
    target_alerts_per_second: 5000,
    target_p99_ms: 25,
  };
}
