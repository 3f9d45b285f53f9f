// Jobs against a database that goes away for real: the store is opened through a TCP proxy the test
// cuts (every connection dropped, new ones refused) and restores, so the processor meets the driver's
// own errors, exactly as in an outage.
import { randomBytes } from 'node:crypto';
import { SequentialIdGenerator } from '@hookline/core';
import { type Database, migrateDatabase, openDatabase } from '@hookline/db';
import { createLogger } from '@hookline/runtime';
import { type NormalizedAlert, parseConfig } from '@hookline/schemas';
import { type Store, storeOf } from '@hookline/store';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import { eventually } from '../../../../test/support/eventually.js';
import { startTcpProxy, type TcpProxy } from '../../../../test/support/tcp-proxy.js';
import { MemoryDailyBaselineStore } from '../../src/execution/daily-baseline-store.js';
import { entrySettingsFromConfig } from '../../src/execution/entry-settings.js';
import { UserExits } from '../../src/execution/user-exits.js';
import { InlineJobQueue } from '../../src/jobs/inline-job-queue.js';
import { buildTradingCore } from '../../src/trading-core.js';
import { buildWebhookSystem } from '../../src/webhook-system.js';
import { PASSPHRASE, PaperVenue, testSettings } from '../support/trading-harness.js';

const logger = createLogger({ level: 'silent', service: 'test' });

let testDatabase: TestDatabase;
let proxy: TcpProxy;
/** The database as the system sees it: through the proxy. */
let proxied: Database;
/** The test's own view, never cut. */
let direct: Database;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  testDatabase = await createTestDatabase('outage');
  await migrateDatabase({ databaseUrl: testDatabase.url, dataDir: '/nonexistent-not-used' });
  const url = new URL(testDatabase.url);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  proxied = await openDatabase({ databaseUrl: proxy.urlThrough(testDatabase.url), dataDir: '/nonexistent' });
  direct = await openDatabase({ databaseUrl: testDatabase.url, dataDir: '/nonexistent-not-used' });
});
beforeEach(async () => {
  await proxy.restore();
  await direct.prisma.fill.deleteMany();
  await direct.prisma.tradeRecord.deleteMany();
  await direct.prisma.decision.deleteMany();
  await direct.prisma.alert.deleteMany();
});
afterEach(async () => {
  await proxy.restore();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await proxied?.close();
  await direct?.close();
  await proxy?.close();
  await testDatabase?.drop();
});

/** An ACCEPTED alert as ingress stores it (written on the direct connection). */
async function acceptedAlert(venue: PaperVenue, key: string, action: NormalizedAlert['action'] = 'buy') {
  const alert: NormalizedAlert = {
    template: 'hookline',
    id: key,
    action,
    symbol: 'BTC/USD',
    ticker: 'COINBASE:BTCUSD',
    exchange: 'COINBASE',
    price: '60000',
    time: '2024-05-01T12:00:00.000Z',
    size: null,
    orderType: null,
  };
  return await direct.prisma.alert.create({
    data: {
      account: 'default',
      idempotencyKey: key,
      source: 'TRADINGVIEW',
      rawBody: '{}',
      parsedPayload: { alert },
      status: 'ACCEPTED',
      receivedAt: venue.clock.now(),
    },
  });
}

/** The trading core over a store, its jobs inline (the processor is called as a job would be). */
function coreOver(store: Store, venue: PaperVenue) {
  return buildTradingCore({
    store,
    exchange: venue.exchange,
    clock: venue.clock,
    logger,
    settings: { ...entrySettingsFromConfig(parseConfig({ HOOKLINE_ACCOUNT: 'default' })), ...testSettings() },
    ledger: {},
    queues: new InlineJobQueue(venue.clock),
    baselines: new MemoryDailyBaselineStore(),
    exits: new UserExits(new Set()), // buy alerts only: no exit is ever started
  });
}

describe('alert.process while the database is down', () => {
  it('when the database is down for longer than the old five attempts then the job keeps waiting and completes once it is back', async () => {
    const venue = new PaperVenue();
    const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    cleanups.push(async () => {
      await redis.quit();
    });
    const system = await buildWebhookSystem(
      {
        config: parseConfig({
          HOOKLINE_ACCOUNT: 'default',
          WEBHOOK_PASSPHRASE: PASSPHRASE,
          HOOKLINE_WEBHOOK_RATE_LIMIT: '0',
        }),
        store: storeOf(proxied.prisma),
        exchange: venue.exchange,
        clock: venue.clock,
        logger,
        redis,
      },
      {
        prefix: `outage-${randomBytes(6).toString('hex')}`,
        entry: testSettings(),
        alertIds: new SequentialIdGenerator('outage-alert'),
        backfillIntervalMs: 0,
        consumeFills: false,
        // Short waits between the runs, so the outage outlasts many of them quickly.
        infrastructureBackoffCapMs: 50,
      },
    );
    cleanups.push(() => system.stop());
    const alert = await acceptedAlert(venue, 'outage-1');
    await proxy.cut();

    await system.pipeline.queues.enqueue('alert.process', { alertId: alert.id });
    const queue = system.pipeline.queues.queue('alert.process');
    // Ten runs, every one failed by the outage: twice the old attempt budget.
    await eventually(async () => ((await queue.getJob(`alert-${alert.id}`))?.attemptsStarted ?? 0) >= 10, {
      what: 'ten runs during the outage',
    });
    const during = await queue.getJob(`alert-${alert.id}`);
    expect(await during?.getState()).not.toBe('failed');
    expect(during?.attemptsMade).toBe(0);
    expect((await direct.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe(
      'ACCEPTED',
    );

    await proxy.restore();

    const decided = await eventually(async () => {
      const row = await direct.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } });
      return row.status === 'PROCESSED' ? row : undefined;
    });
    expect(decided.reason).toBeNull();
    expect(await direct.prisma.decision.count({ where: { alertId: alert.id, outcome: 'ORDERED' } })).toBe(1);
    await eventually(async () => (await queue.getJob(`alert-${alert.id}`))?.finishedOn !== undefined);
    const done = await queue.getJob(`alert-${alert.id}`);
    expect(await done?.getState()).toBe('completed');
    expect(done?.attemptsMade).toBe(1);
  });

  it('when the last attempt fails because the database is down then the alert is not marked FAILED', async () => {
    const venue = new PaperVenue();
    const { processor } = coreOver(storeOf(proxied.prisma), venue);
    const alert = await acceptedAlert(venue, 'outage-last');
    await proxy.cut();

    await expect(processor.process(alert.id, 5)).rejects.toThrow();

    const row = await direct.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(row.status).toBe('ACCEPTED');
    expect(row.reason).toBeNull();
  });
});

describe('the reason of a FAILED alert', () => {
  it("when the last attempt fails on the database's own error then the reason is the code, never the driver's text", async () => {
    const venue = new PaperVenue();
    const { processor } = coreOver(storeOf(direct.prisma), venue);
    const alert = await acceptedAlert(venue, 'refused-decision', 'sell');
    // A real database error that is not an outage, with the kind of text that must not leak.
    await direct.prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION refuse_decisions() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'insert into "decisions" refused at /srv/hookline/secret.ts'; END;
      $$ LANGUAGE plpgsql`);
    await direct.prisma.$executeRawUnsafe(
      'CREATE TRIGGER refuse_decisions BEFORE INSERT ON decisions FOR EACH ROW EXECUTE FUNCTION refuse_decisions()',
    );
    cleanups.push(async () => {
      await direct.prisma.$executeRawUnsafe('DROP TRIGGER IF EXISTS refuse_decisions ON decisions');
    });

    // Before the last attempt the alert stays ACCEPTED; the last one marks it FAILED.
    await expect(processor.process(alert.id, 4)).rejects.toThrow(/refused/);
    expect((await direct.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe(
      'ACCEPTED',
    );
    await expect(processor.process(alert.id, 5)).rejects.toThrow(/refused/);

    const row = await direct.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(row.status).toBe('FAILED');
    expect(row.reason).toBe('PROCESSING_FAILED');
  });

  it('when an alert cannot be processed at all then it is FAILED at once with the code', async () => {
    const venue = new PaperVenue();
    const { processor } = coreOver(storeOf(direct.prisma), venue);
    const alert = await direct.prisma.alert.create({
      data: {
        account: 'default',
        idempotencyKey: 'no-payload',
        source: 'TRADINGVIEW',
        rawBody: '{}',
        parsedPayload: { alert: { action: 'buy' } },
        status: 'ACCEPTED',
        receivedAt: venue.clock.now(),
      },
    });

    await expect(processor.process(alert.id, 1)).rejects.toThrow(/no valid parsed payload/);

    const row = await direct.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(row).toMatchObject({ status: 'FAILED', reason: 'PROCESSING_FAILED' });
  });
});
