// The group commit of POST /webhook over a real PostgreSQL and Redis: requests that arrive together
// share one INSERT, and each is still answered from its own row's outcome.
import { randomBytes } from 'node:crypto';
import { type Database, openDatabase } from '@hookline/db';
import { createLogger } from '@hookline/runtime';
import { AlertIntakeStore, storeOf } from '@hookline/store';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { startTcpProxy, type TcpProxy } from '../../../../test/support/tcp-proxy.js';
import { AlertGroupCommit } from '../../src/ingress/alert-group-commit.js';
import type { AlertBatchStorePort, AlertRow } from '../../src/ingress/alert-store.js';
import { jobIdOf } from '../../src/jobs/job-catalog.js';
import { JobQueues } from '../../src/jobs/job-queues.js';
import { RecoverySweeper } from '../../src/jobs/recovery-sweeper.js';
import { acceptedToQueue } from '../../src/trading-pipeline.js';
import { hooklineBody, strategyBody } from './support/alert-bodies.js';
import { type IngressUnderTest, useIngressDatabase } from './support/ingress-harness.js';

const ingress = useIngressDatabase();
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The real store, recording the size of every batch it is given. */
function recordingBatches(store: AlertBatchStorePort): AlertBatchStorePort & { sizes: number[] } {
  const sizes: number[] = [];
  return {
    sizes,
    insertBatch: (writes) => {
      sizes.push(writes.length);
      return store.insertBatch(writes);
    },
  };
}

/** An ACCEPTED row as the intake writes it, keyed by `id`. */
function acceptedRow(id: string): AlertRow {
  return {
    id,
    idempotencyKey: `tradingview:id:buy:${id}`,
    rawBody: '{}',
    rawBodyBytes: null,
    payload: {
      alert: {
        template: 'hookline',
        id,
        action: 'buy',
        symbol: 'BTC/USD',
        ticker: 'BTCUSD',
        exchange: null,
        price: null,
        time: null,
        size: null,
        orderType: null,
      },
    },
    remoteAddress: '127.0.0.1',
    status: 'ACCEPTED',
    reason: null,
    receivedAt: new Date('2024-05-01T12:00:00.000Z'),
  };
}

/** Real BullMQ queues on the run's Redis, under a prefix of their own. */
function freshQueues(): JobQueues {
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  const queues = new JobQueues({ connection: redis, prefix: `ingest-${randomBytes(6).toString('hex')}` });
  closers.push(async () => {
    await queues.close();
    redis.disconnect();
  });
  return queues;
}

/** The real store on the test's database through a TCP proxy the test cuts (opened on first use). */
function storeThroughProxy(url: string) {
  const target = new URL(url);
  let opened: Promise<{ proxy: TcpProxy; database: Database; store: AlertIntakeStore }> | undefined;
  const open = () => {
    opened ??= (async () => {
      const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      const database = await openDatabase({ databaseUrl: proxy.urlThrough(url), dataDir: '/nonexistent' });
      return { proxy, database, store: new AlertIntakeStore(storeOf(database.prisma), 'default') };
    })();
    return opened;
  };
  closers.push(async () => {
    const { proxy, database } = (await opened) ?? {};
    await database?.close();
    await proxy?.close();
  });
  const store: AlertBatchStorePort = {
    insertBatch: async (writes) => (await open()).store.insertBatch(writes),
  };
  return { store, proxy: async () => (await open()).proxy };
}

/** Posts every body at once (one event-loop turn), answers in the order of the bodies. */
function postAll(subject: IngressUnderTest, bodies: readonly string[]) {
  return Promise.all(bodies.map((body) => subject.post(body)));
}

describe('POST /webhook: requests that arrive together', () => {
  it('when 40 different alerts arrive at once then each is answered 202, stored once and enqueued once, in fewer statements than alerts', async () => {
    const queues = freshQueues();
    let batches: ReturnType<typeof recordingBatches> | undefined;
    const subject = ingress(({ database }) => {
      batches = recordingBatches(new AlertIntakeStore(storeOf(database.prisma), 'default'));
      return { store: batches, onAccepted: acceptedToQueue(queues) };
    });
    const bodies = Array.from({ length: 40 }, (_, index) => hooklineBody({ id: `bar-${index}` }));

    const answers = await postAll(subject, bodies);
    const again = await postAll(subject, bodies);

    expect(answers.map((answer) => answer.statusCode)).toEqual(bodies.map(() => 202));
    expect(again.map((answer) => answer.statusCode)).toEqual(bodies.map(() => 200));
    const ids = answers.map((answer) => String(answer.json.alertId));
    const rows = await subject.rows();
    expect(rows.filter((row) => row.status === 'ACCEPTED').map((row) => row.id)).toEqual(
      expect.arrayContaining(ids),
    );
    expect(rows.filter((row) => row.status === 'ACCEPTED')).toHaveLength(40);
    expect(again.map((answer) => answer.json.duplicateOf)).toEqual(ids);
    const queue = queues.queue('alert.process');
    await eventually(async () => (await queue.getJobCountByTypes('waiting')) === 40, { what: '40 jobs' });
    for (const alertId of ids)
      expect(await queue.getJob(jobIdOf('alert.process', { alertId }))).toBeDefined();
    expect(batches?.sizes.length).toBeLessThan(40);
  });

  it.each([
    {
      name: 'two copies of an alert with an id',
      body: hooklineBody({ id: 'bar-7' }),
      count: 2,
      earlier: false,
    },
    { name: 'two copies of an alert without an id', body: strategyBody(), count: 2, earlier: false },
    {
      name: 'three copies of an alert with an id',
      body: hooklineBody({ id: 'bar-8' }),
      count: 3,
      earlier: false,
    },
    {
      name: 'two copies of an alert stored earlier',
      body: hooklineBody({ id: 'bar-9' }),
      count: 2,
      earlier: true,
    },
  ])(
    'when $name arrive in one batch then at most one is 202 and the others are duplicates of the stored one',
    async ({ body, count, earlier }) => {
      let batches: ReturnType<typeof recordingBatches> | undefined;
      const subject = ingress(({ database }) => {
        batches = recordingBatches(new AlertIntakeStore(storeOf(database.prisma), 'default'));
        return { store: batches };
      });
      const first = earlier ? await subject.post(body) : undefined;
      const sizesBefore = batches?.sizes.length ?? 0;

      const answers = await postAll(
        subject,
        Array.from({ length: count }, () => body),
      );
      await subject.acceptedCount(1);

      expect(batches?.sizes[sizesBefore]).toBe(count); // every copy went in the same statement
      const accepted = answers.filter((answer) => answer.statusCode === 202);
      const duplicates = answers.filter((answer) => answer.statusCode === 200);
      expect(accepted).toHaveLength(earlier ? 0 : 1);
      expect(duplicates).toHaveLength(earlier ? count : count - 1);
      const holder = String(first?.json.alertId ?? accepted[0]?.json.alertId);
      for (const duplicate of duplicates) {
        expect(duplicate.json).toEqual({
          status: 'duplicate',
          alertId: expect.any(String),
          duplicateOf: holder,
        });
      }
      const rows = await subject.rows();
      expect(rows.filter((row) => row.status === 'ACCEPTED').map((row) => row.id)).toEqual([holder]);
      expect(rows.filter((row) => row.status === 'DUPLICATE')).toHaveLength(duplicates.length);
      expect(subject.accepted.map((alert) => alert.alertId)).toEqual([holder]);
    },
  );

  it.each([
    ['first', 0],
    ['in the middle', 3],
    ['last', 5],
  ])(
    'when the row the table refuses is %s of its batch then only its request fails and the others are answered 202',
    async (_where, position) => {
      const subject = ingress();
      // A real constraint of the database, added for this test: the row that mentions "poison" breaks it.
      await subject.database.prisma.$executeRawUnsafe(
        `ALTER TABLE "alerts" ADD CONSTRAINT "test_no_poison" CHECK ("raw_body" NOT LIKE '%poison%')`,
      );
      try {
        const bodies = Array.from({ length: 6 }, (_, index) =>
          hooklineBody({ id: index === position ? 'poison' : `good-${index}` }),
        );

        const answers = await postAll(subject, bodies);
        await subject.acceptedCount(5);

        expect(answers.map((answer) => answer.statusCode)).toEqual(
          bodies.map((_, index) => (index === position ? 500 : 202)),
        );
        expect(answers[position]?.json).toMatchObject({ error: 'INTERNAL_ERROR' });
        const rows = await subject.rows();
        expect(rows.map((row) => row.status)).toEqual([
          'ACCEPTED',
          'ACCEPTED',
          'ACCEPTED',
          'ACCEPTED',
          'ACCEPTED',
        ]);
        expect(rows.map((row) => row.idempotencyKey)).not.toContain('tradingview:id:buy:poison');
        expect(subject.accepted).toHaveLength(5);
      } finally {
        await subject.database.prisma.$executeRawUnsafe(
          `ALTER TABLE "alerts" DROP CONSTRAINT IF EXISTS "test_no_poison"`,
        );
      }
    },
  );

  it('when the hand-off to the queue fails after the commit then the alerts stay ACCEPTED and the recovery sweeper enqueues each once', async () => {
    const queues = freshQueues();
    const subject = ingress({
      onAccepted: () => {
        throw new Error('Connection is closed.'); // ioredis's words for a Redis that went away
      },
    });
    const bodies = Array.from({ length: 5 }, (_, index) => hooklineBody({ id: `lost-${index}` }));

    const answers = await postAll(subject, bodies);
    await eventually(async () => subject.logLines.join('\n').includes('it stays ACCEPTED'));
    subject.clock.advance(1_000);
    const sweeper = new RecoverySweeper({
      store: storeOf(subject.database.prisma),
      queues,
      executor: { resolveUnsent: async () => undefined },
      clock: subject.clock,
      logger: createLogger({ level: 'silent', service: 'test' }),
      account: 'default',
      exchange: 'paper',
      graceMs: 500,
      entryTimeoutMs: undefined,
    });
    const report = await sweeper.sweepOnce();

    expect(answers.map((answer) => answer.statusCode)).toEqual(bodies.map(() => 202));
    expect(report.redriven.alert).toBe(5);
    const queue = queues.queue('alert.process');
    for (const answer of answers) {
      const alertId = String(answer.json.alertId);
      expect(await queue.getJob(jobIdOf('alert.process', { alertId }))).toBeDefined();
    }
    expect((await sweeper.sweepOnce()).redriven.alert).toBe(0); // live jobs are not doubled
  });

  it('when the database goes away while a batch waits on it then that batch and the next are answered 503, and every alert answered 202 is stored', async () => {
    let through: ReturnType<typeof storeThroughProxy> | undefined;
    const subject = ingress(({ url }) => {
      through = storeThroughProxy(url);
      return { store: through.store };
    });
    const prisma = subject.database.prisma;
    const bodies = (from: number, count: number) =>
      Array.from({ length: count }, (_, index) => hooklineBody({ id: `outage-${from + index}` }));
    const blockedInserts = async () => {
      const [row] = await prisma.$queryRawUnsafe<Array<{ waiting: number }>>(
        `SELECT count(*)::int AS "waiting" FROM pg_stat_activity
         WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO "alerts"%'`,
      );
      return (row?.waiting ?? 0) > 0;
    };

    const before = await postAll(subject, bodies(0, 10));
    const proxy = await through?.proxy();
    // The next batch's INSERT reaches the server and waits on a lock the test holds; then the
    // connection is cut under it (the server itself keeps running, as after a network failure).
    let caught: ReturnType<typeof postAll> | undefined;
    await prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe('LOCK TABLE "alerts" IN SHARE ROW EXCLUSIVE MODE');
        caught = postAll(subject, bodies(10, 10));
        await eventually(blockedInserts, { what: 'the batch waiting on the lock' });
        await proxy?.cut();
      },
      { timeout: 20_000 },
    );
    const during = await caught;
    const whileDown = await postAll(subject, bodies(20, 5));
    await proxy?.restore();
    const after = await postAll(subject, bodies(25, 5));
    await subject.acceptedCount(15);

    expect(before.map((answer) => answer.statusCode)).toEqual(bodies(0, 10).map(() => 202));
    for (const answer of [...(during ?? []), ...whileDown]) {
      expect(answer.statusCode).toBe(503);
      expect(answer.json).toMatchObject({ error: 'SERVICE_UNAVAILABLE' });
    }
    expect(after.map((answer) => answer.statusCode)).toEqual(bodies(25, 5).map(() => 202));
    const acknowledged = [...before, ...after].map((answer) => String(answer.json.alertId));
    const rows = await subject.rows();
    expect(rows.map((row) => row.id)).toEqual(expect.arrayContaining(acknowledged));
    // A row of the cut batch the server committed after all was answered 503: it is ACCEPTED, so the
    // recovery sweeper decides it, and the sender's retry is answered as its duplicate.
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['ACCEPTED']));
    expect(subject.accepted.map((alert) => alert.alertId).sort()).toEqual([...acknowledged].sort());
  });

  it('when more rows wait than a batch holds then each full batch goes at once and the rest when they finish', async () => {
    const subject = ingress();
    const batches = recordingBatches(new AlertIntakeStore(storeOf(subject.database.prisma), 'default'));
    const commit = new AlertGroupCommit(batches, { maxRows: 4 });

    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, index) => commit.insertUnlessKeyExists(acceptedRow(`row-${index}`))),
    );

    expect(batches.sizes).toEqual([4, 4, 2]);
    expect(outcomes).toEqual(Array.from({ length: 10 }, () => ({ inserted: true })));
    expect(await subject.rows()).toHaveLength(10);
  });

  it.each([0, -1, 1.5, Number.NaN])(
    'when a batch is to hold %s rows then the group commit refuses it',
    (maxRows) => {
      const store: AlertBatchStorePort = { insertBatch: async () => [] };

      expect(() => new AlertGroupCommit(store, { maxRows })).toThrow(
        /a batch must hold a whole number of rows from 1/,
      );
    },
  );
});
