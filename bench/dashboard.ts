// dashboard.first_load and dashboard.live_fanout: the operator dashboard against the real service
// (startBenchServer: private Postgres and redis-server, paper venue) holding 1,000 open positions and
// 100,000 decisions. First load = what a browser fetches before it shows the overview: the HTML, its
// scripts and styles, the session, the overview and the first page of decisions; a bare fastify
// serving the same files in the same run is the peer. Fan-out = one sweep's update reaching 10
// connected streams: from the instant the server started the sweep's read (its `at`) to the last
// stream receiving it. Targets: first load < 1 s, fan-out < 50 ms.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import fastifyStatic from '@fastify/static';
import { defaultPaperMarkets, type PaperMarketSpec } from '@hookline/exchange';
import Fastify from 'fastify';
import { startBenchServer } from './webhook-server.js';

const READ_TOKEN = 'hookline-bench-read-token';

/** Size of a run. */
export interface DashboardBenchOptions {
  readonly positions: number;
  readonly decisions: number;
  readonly browsers: number;
  /** Timed first loads (the median is reported). */
  readonly loads: number;
  /** Timed sweeps (the median and the max are reported). */
  readonly sweeps: number;
  /** The built dashboard (apps/dashboard/dist). */
  readonly dist: string;
}

/** `count` paper markets SYM0/USD… cloned from BTC's rules and book. */
function marketsOf(count: number): PaperMarketSpec[] {
  const btc = defaultPaperMarkets[0] as PaperMarketSpec;
  return Array.from({ length: count }, (_, index) => ({
    ...btc,
    market: {
      ...btc.market,
      symbol: `SYM${index}/USD`,
      base: `SYM${index}`,
      exchangeSymbol: `SYM${index}-USD`,
    },
  }));
}

/** The asset paths of index.html (scripts, styles, preloads). */
function assetsOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1] as string);
}

async function firstLoad(base: string, headers: Record<string, string>, api: boolean): Promise<number> {
  const started = performance.now();
  const html = await (await fetch(`${base}/`)).text();
  const reads = assetsOf(html).map((path) =>
    fetch(`${base}${path}`).then((response) => response.arrayBuffer()),
  );
  if (api) {
    for (const path of ['/api/session', '/api/overview', '/api/decisions?limit=100']) {
      reads.push(
        fetch(`${base}${path}`, { headers }).then(async (response) => {
          if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
          return await response.arrayBuffer();
        }),
      );
    }
  }
  await Promise.all(reads);
  return performance.now() - started;
}

/** One SSE reader: calls `onSweep(at)` with each sweep event's server time. */
async function openStream(
  url: string,
  onSweep: (atMs: number, receivedMs: number) => void,
): Promise<AbortController> {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/stream`, {
    headers: { authorization: `Bearer ${READ_TOKEN}` },
    signal: controller.signal,
  });
  const body = response.body;
  if (!response.ok || body === null) throw new Error(`/api/stream answered ${response.status}`);
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (frame.startsWith('event: sweep\n')) {
          const received = Date.now();
          const at = /"at":"([^"]+)"/.exec(frame)?.[1];
          if (at !== undefined) onSweep(Date.parse(at), received);
        }
        end = buffer.indexOf('\n\n');
      }
    }
  })().catch(() => undefined);
  return controller;
}

export async function benchmarkDashboard(options: DashboardBenchOptions): Promise<Record<string, number>> {
  const server = await startBenchServer({
    env: { READ_TOKEN, HOOKLINE_SENTINEL_INTERVAL_MS: '1000' },
    markets: marketsOf(options.positions),
  });
  const peer = Fastify();
  try {
    await seed(server.database.prisma, options);
    const headers = { authorization: `Bearer ${READ_TOKEN}` };
    // The first overview subscribes the quote stream to every symbol: wait until all are priced.
    for (let tries = 0; tries < 100; tries += 1) {
      const overview = (await (await fetch(`${server.url}/api/overview`, { headers })).json()) as {
        positions: Array<{ bid: string | null }>;
      };
      if (overview.positions.length === options.positions && overview.positions.every((p) => p.bid !== null))
        break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await peer.register(fastifyStatic, { root: options.dist, prefix: '/' });
    await peer.listen({ host: '127.0.0.1', port: 0 });
    const address = peer.server.address();
    const peerUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;

    await firstLoad(server.url, headers, true); // warm-up
    const loads: number[] = [];
    const peerLoads: number[] = [];
    for (let run = 0; run < options.loads; run += 1) {
      loads.push(await firstLoad(server.url, headers, true));
      peerLoads.push(await firstLoad(peerUrl, headers, false));
    }

    // Fan-out: every stream records, per sweep `at`, when it received it.
    const received = new Map<number, number[]>();
    const streams = await Promise.all(
      Array.from({ length: options.browsers }, () =>
        openStream(server.url, (at, when) => {
          const list = received.get(at) ?? [];
          list.push(when - at);
          received.set(at, list);
        }),
      ),
    );
    const deadline = Date.now() + 60_000;
    const complete = () => [...received.values()].filter((list) => list.length === options.browsers);
    while (complete().length < options.sweeps + 1 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    for (const stream of streams) stream.abort();
    // The first sweep after the streams opened is skipped (it starts the feed's cursor).
    const sweeps = complete()
      .slice(1)
      .map((list) => Math.max(...list))
      .sort((a, b) => a - b);
    const html = readFileSync(join(options.dist, 'index.html'), 'utf8');
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const round = (value: number) => Math.round(value * 10) / 10;
    return {
      positions: options.positions,
      decisions: options.decisions,
      browsers: options.browsers,
      assets: assetsOf(html).length,
      first_load_ms_median: round(median(loads)),
      peer_static_load_ms_median: round(median(peerLoads)),
      first_load_over_peer: round(median(loads) / Math.max(0.1, median(peerLoads))),
      sweep_fanout_ms_median: round(median(sweeps)),
      sweep_fanout_ms_max: round(sweeps.at(-1) ?? 0),
      sweeps_measured: sweeps.length,
    };
  } finally {
    await peer.close();
    await server.stop();
  }
}

// 1,000 open positions (one buy fill each, one per symbol) and 100,000 decisions, in bulk.
async function seed(
  prisma: Awaited<ReturnType<typeof startBenchServer>>['database']['prisma'],
  options: DashboardBenchOptions,
): Promise<void> {
  const now = Date.now();
  const fills = Array.from({ length: options.positions }, (_, index) => ({
    account: 'default',
    exchange: 'paper',
    tradeId: `bench-${index}`,
    symbol: `SYM${index}/USD`,
    side: 'BUY' as const,
    price: '60000',
    size: '0.001',
    fee: '0.36',
    feeCurrency: 'USD',
    feeUsd: '0.36',
    executedAt: new Date(now - 3_600_000),
    receivedAt: new Date(now - 3_600_000),
    ingestVia: 'REST' as const,
  }));
  await prisma.fill.createMany({ data: fills });
  for (let start = 0; start < options.decisions; start += 5_000) {
    const count = Math.min(5_000, options.decisions - start);
    await prisma.decision.createMany({
      data: Array.from({ length: count }, (_, offset) => {
        const index = start + offset;
        return {
          account: 'default',
          symbol: `SYM${index % options.positions}/USD`,
          side: 'BUY' as const,
          intent: 'ENTRY' as const,
          outcome: index % 3 === 0 ? ('ORDERED' as const) : ('BLOCKED' as const),
          reasonCode: index % 3 === 0 ? 'ORDERED' : 'BUY_GUARD_ACTIVE',
          ruleInputs: { bench: true, index },
          createdAt: new Date(now - 86_400_000 + index),
        };
      }),
    });
  }
}
