// `bench --only webhook.soak`: the webhook as its own process (`hookline start webhook`, paper mode,
// on a private PostgreSQL and Redis) under a steady stream of alerts, its resident memory read from
// /proc every few seconds. The service's memory must stay flat under sustained load: a cache, a map
// or a listener that grows with every alert shows up as a slope here long before it ends a process.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@hookline/runtime';
import autocannon from 'autocannon';
import { startBenchInfrastructure } from './bench-infrastructure.js';
import { residentMb, startWebhook, stopChild, waitUntilReady } from './webhook-process.js';

/** How long, how fast, how often memory is read. */
export interface SoakOptions {
  readonly seconds: number;
  readonly alertsPerSecond: number;
  /** Samples before this many seconds are the warm-up (JIT, pools, first allocations): not compared. */
  readonly warmupSeconds: number;
  readonly sampleEverySeconds: number;
}

const PASSPHRASE = 'hookline-soak-passphrase';

/** Runs the soak and returns the memory figures and what the load achieved. */
export async function benchmarkWebhookSoak(options: SoakOptions): Promise<Record<string, number>> {
  const infrastructure = await startBenchInfrastructure();
  const dataDir = mkdtempSync(join(tmpdir(), 'hookline-soak-'));
  infrastructure.onStop(async () => rmSync(dataDir, { recursive: true, force: true }));
  try {
    const port = await findFreePort('127.0.0.1');
    const child = startWebhook({
      MODE: 'paper',
      PORT: String(port),
      HOOKLINE_HOST: '127.0.0.1',
      WEBHOOK_PASSPHRASE: PASSPHRASE,
      DATABASE_URL: infrastructure.postgresUrl,
      REDIS_URL: infrastructure.redisUrl,
      DATA_DIR: dataDir,
      HOOKLINE_LOG_LEVEL: 'warn',
      HOOKLINE_WEBHOOK_RATE_LIMIT: '0',
    });
    infrastructure.onStop(() => stopChild(child));
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(url, child);
    const samples: Array<{ atS: number; rssMb: number }> = [];
    const startedMs = Date.now();
    const sampler = setInterval(() => {
      const rssMb = residentMb(child.pid as number);
      if (rssMb !== undefined) samples.push({ atS: (Date.now() - startedMs) / 1000, rssMb });
    }, options.sampleEverySeconds * 1000);
    let result: autocannon.Result;
    try {
      result = await autocannon({
        url,
        connections: 16,
        overallRate: options.alertsPerSecond,
        duration: options.seconds,
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
    } finally {
      clearInterval(sampler);
    }
    return soakFigures(samples, options, result);
  } finally {
    await infrastructure.stop();
  }
}

function soakFigures(
  samples: ReadonlyArray<{ atS: number; rssMb: number }>,
  options: SoakOptions,
  result: autocannon.Result,
): Record<string, number> {
  const steady = samples.filter((sample) => sample.atS >= options.warmupSeconds);
  const window = Math.max(1, Math.floor(steady.length / 5));
  const first = median(steady.slice(0, window).map((sample) => sample.rssMb));
  const last = median(steady.slice(-window).map((sample) => sample.rssMb));
  return {
    seconds: options.seconds,
    target_alerts_per_second: options.alertsPerSecond,
    alerts_per_second: round(result.requests.average),
    acknowledged: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    samples: steady.length,
    rss_after_warmup_mb: round(first),
    rss_at_end_mb: round(last),
    rss_max_mb: round(Math.max(...samples.map((sample) => sample.rssMb))),
    // The first fifth of the steady samples against the last fifth (medians, so one GC is no trend).
    rss_growth_mb: round(last - first),
    target_rss_growth_mb: 0,
  };
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

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
