import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { JobQueues } from '../../src/jobs/job-queues.js';
import { UNSENT_INTENT_REASON } from '../../src/jobs/recovery-sweeper.js';
import {
  buyAlertBody,
  READ_TOKEN,
  SYMBOL,
  type TradingUnderTest,
  useTradingHarness,
} from '../support/trading-harness.js';

const HOUR_MS = 60 * 60_000;

/** A sell alert's stored payload (decided SKIPPED at once: nothing to trade). */
function sellPayload(key: string) {
  return {
    alert: {
      template: 'hookline',
      id: key,
      action: 'sell',
      symbol: SYMBOL,
      ticker: 'COINBASE:BTCUSD',
      exchange: 'COINBASE',
      price: '60000',
      time: '2024-05-01T11:59:00.000Z',
      size: null,
      orderType: null,
    },
  };
}

/** An entry row of ours as an earlier process left it, written an hour ago. */
async function entryRow(
  subject: TradingUnderTest,
  clientOrderId: string,
  status: 'NEW' | 'SUBMITTED' | 'OPEN',
  orderId?: string,
) {
  return await subject.database.prisma.tradeRecord.create({
    data: {
      account: 'default',
      exchange: subject.venue.exchange.name,
      clientOrderId,
      ...(orderId === undefined ? {} : { orderId }),
      symbol: SYMBOL,
      side: 'BUY',
      orderType: 'LIMIT',
      timeInForce: 'GTC',
      status,
      price: '59000',
      size: '0.001',
      trigger: 'ALERT',
      source: 'WEBHOOK',
      orderTime: new Date(subject.venue.clock.nowMs() - HOUR_MS),
    },
  });
}

/** Posts a buy alert and waits for its decision. */
async function decide(subject: TradingUnderTest, id: string) {
  const answer = await subject.post(buyAlertBody(id));
  expect(answer.statusCode).toBe(202);
  const alertId = String(answer.json.alertId);
  return await eventually(
    async () => (await subject.database.prisma.decision.findFirst({ where: { alertId } })) ?? undefined,
  );
}

describe('the recovery sweeper', () => {
  const harness = useTradingHarness();

  it('when an ACCEPTED alert was never enqueued then the sweeper queues it once and it is decided', async () => {
    const { post, database, pipeline, venue } = await harness();
    const prisma = database.prisma;
    expect((await post(buyAlertBody('normal-1'))).statusCode).toBe(202);
    const processed = await eventually(async () => {
      const alert = await prisma.alert.findFirst();
      return alert?.status === 'PROCESSED' ? alert : undefined;
    });
    // A second alert stored as ingress stores it, but whose enqueue never happened (crash or Redis down).
    const lost = await prisma.alert.create({
      data: {
        account: processed.account,
        idempotencyKey: 'lost-1',
        source: processed.source,
        rawBody: processed.rawBody,
        parsedPayload: processed.parsedPayload ?? {},
        remoteAddress: processed.remoteAddress,
        status: 'ACCEPTED',
        receivedAt: new Date(venue.clock.nowMs() - HOUR_MS),
      },
    });

    expect((await pipeline.sweeper.sweepOnce()).redriven.alert).toBe(1);
    const decided = await eventually(async () => {
      const alert = await prisma.alert.findUnique({ where: { id: lost.id } });
      return alert?.status === 'PROCESSED' ? alert : undefined;
    });

    expect(decided.status).toBe('PROCESSED');
    expect(await prisma.decision.count({ where: { alertId: lost.id } })).toBe(1);
    // Processed alerts are not swept again; the first alert was never touched.
    expect((await pipeline.sweeper.sweepOnce()).backlog.alert).toBe(0);
    expect(await prisma.decision.count({ where: { alertId: processed.id } })).toBe(1);
  });

  it('when more than a page of old alerts is stuck behind failed jobs and a newer hand-off was lost then every one is re-enqueued and decided', async () => {
    const subject = await harness();
    const { database, pipeline, venue, app } = subject;
    const prisma = database.prisma;
    const stuck = 120;
    const start = venue.clock.nowMs() - 2 * HOUR_MS;
    // Their jobs fail for good (no payload), as jobs that spent their attempts in an outage did.
    await prisma.alert.createMany({
      data: Array.from({ length: stuck }, (_, index) => ({
        account: 'default',
        idempotencyKey: `stuck-${index}`,
        source: 'TRADINGVIEW' as const,
        rawBody: '{}',
        status: 'ACCEPTED' as const,
        receivedAt: new Date(start + index * 1_000),
      })),
    });
    const ids = (await prisma.alert.findMany({ select: { id: true } })).map(({ id }) => id);
    for (const alertId of ids) await pipeline.queues.enqueue('alert.process', { alertId });
    const queue = pipeline.queues.queue('alert.process');
    await eventually(async () => (await queue.getFailedCount()) === stuck, { what: 'every job failed' });
    // ...while their alerts stayed ACCEPTED (now with a payload that can be decided).
    for (const [index, id] of ids.entries()) {
      await prisma.alert.update({
        where: { id },
        data: {
          status: 'ACCEPTED',
          reason: null,
          processedAt: null,
          parsedPayload: sellPayload(`stuck-${index}`),
        },
      });
    }
    // A newer alert whose hand-off to the queue was lost (no job at all).
    const lost = await prisma.alert.create({
      data: {
        account: 'default',
        idempotencyKey: 'lost-newer',
        source: 'TRADINGVIEW',
        rawBody: '{}',
        parsedPayload: sellPayload('lost-newer'),
        status: 'ACCEPTED',
        receivedAt: new Date(venue.clock.nowMs() - HOUR_MS),
      },
    });

    const report = await pipeline.sweeper.sweepOnce();

    expect(report.backlog.alert).toBe(stuck + 1);
    expect(report.redriven.alert).toBe(stuck + 1);
    await eventually(
      async () => (await prisma.alert.count({ where: { status: 'PROCESSED' } })) === stuck + 1,
      {
        timeoutMs: 30_000,
        what: 'every alert decided',
      },
    );
    expect(await prisma.decision.count({ where: { alertId: lost.id } })).toBe(1);
    expect(await prisma.decision.count()).toBe(stuck + 1);
    const metrics = (
      await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${READ_TOKEN}` },
      })
    ).body;
    // At least this pass's 121; the service's own timed passes may re-drive alerts still being
    // decided on a loaded machine (the queue never doubles a live job, and the decision count above
    // proves each alert was decided once).
    const redriven = Number(/^hookline_sweeper_items_total\{kind="alert"\} (\d+)$/m.exec(metrics)?.[1]);
    expect(redriven).toBeGreaterThanOrEqual(stuck + 1);
    // The gauge holds the latest pass's backlog (this one's 121 is asserted on its report above).
    expect(metrics).toMatch(/^hookline_sweeper_backlog\{kind="alert"\} \d+$/m);
    expect(metrics).toMatch(/^hookline_sweeper_last_pass_seconds \d/m);
  });

  it('when a NEW entry of a process that died blocks new entries then the sweeper abandons it and the next entry is ordered', async () => {
    const subject = await harness();
    const { database, pipeline } = subject;
    await entryRow(subject, 'dead-process-1', 'NEW');
    expect((await decide(subject, 'while-blocked')).reasonCode).toBe('DUPLICATE_OPEN_ORDER');

    const report = await pipeline.sweeper.sweepOnce();

    expect(report.redriven.unsent).toBe(1);
    const row = await database.prisma.tradeRecord.findUniqueOrThrow({
      where: { clientOrderId: 'dead-process-1' },
    });
    expect(row).toMatchObject({ status: 'CANCELED', statusReason: UNSENT_INTENT_REASON });
    const after = await decide(subject, 'after-sweep');
    expect({ outcome: after.outcome, reason: after.reasonCode }).toEqual({
      outcome: 'ORDERED',
      reason: 'ORDERED',
    });
  });

  it('when a NEW entry has a live submit job then the sweeper leaves it to the job', async () => {
    const subject = await harness();
    await entryRow(subject, 'queued-1', 'NEW');
    // A submit job that is live but not due yet (a backlog, not a dead process).
    await subject.pipeline.queues.enqueue(
      'order.submit',
      { clientOrderId: 'queued-1' },
      { delayMs: HOUR_MS },
    );

    const report = await subject.pipeline.sweeper.sweepOnce();

    expect(report.backlog.unsent).toBe(1);
    expect(report.redriven.unsent).toBe(0);
    const row = await subject.database.prisma.tradeRecord.findUniqueOrThrow({
      where: { clientOrderId: 'queued-1' },
    });
    expect(row.status).toBe('NEW');
  });

  it('when a sent entry lost its submit job and its timeout then the sweeper settles it by lookup and its timeout starts', async () => {
    const subject = await harness();
    const { pipeline, database, venue } = subject;
    // The dead process sent it (the venue has it) but never recorded the answer.
    await venue.exchange.createOrder({
      type: 'LIMIT',
      clientOrderId: 'sent-1',
      symbol: SYMBOL,
      side: 'buy',
      amount: dec('0.001'),
      price: dec('59000'),
      timeInForce: 'GTC',
      postOnly: false,
    });
    await entryRow(subject, 'sent-1', 'SUBMITTED');

    expect((await pipeline.sweeper.sweepOnce()).redriven.submit).toBe(1);

    await eventually(async () => {
      const row = await database.prisma.tradeRecord.findUniqueOrThrow({ where: { clientOrderId: 'sent-1' } });
      return row.status === 'OPEN';
    });
    const timeout = await eventually(
      async () => await pipeline.queues.queue('order.timeout').getJob('timeout-sent-1'),
    );
    expect(timeout.delay).toBe(subject.system.settings.entry.timeoutMs);
    expect(venue.ordersWith('sent-1')).toBe(1);
  });

  it('when a working entry has no timeout job then the sweeper schedules one, and only once', async () => {
    const subject = await harness();
    const { pipeline } = subject;
    await entryRow(subject, 'working-1', 'OPEN', 'exchange-1');

    expect((await pipeline.sweeper.sweepOnce()).redriven.timeout).toBe(1);
    const timeout = await pipeline.queues.queue('order.timeout').getJob('timeout-working-1');
    expect(await timeout?.getState()).toBe('delayed');
    expect(timeout?.delay).toBe(subject.system.settings.entry.timeoutMs);

    const again = await pipeline.sweeper.sweepOnce();
    expect(again.backlog.timeout).toBe(1);
    expect(again.redriven.timeout).toBe(0);
  });
  // The upgrade to per-account queues: jobs left under the old, account-less queue names are never read
  // again; PostgreSQL says what was in flight, and the sweeper re-drives each kind on the new queues.
  it('when jobs of every kind were left in the queues from before accounts had their own then the sweeper re-drives each from the database', async () => {
    const subject = await harness();
    const { pipeline, database, venue } = subject;
    const legacy = new JobQueues({ connection: subject.redis, prefix: subject.prefix });
    const alert = await database.prisma.alert.create({
      data: {
        account: 'default',
        idempotencyKey: 'before-upgrade',
        source: 'TRADINGVIEW',
        rawBody: '{}',
        parsedPayload: sellPayload('before-upgrade'),
        status: 'ACCEPTED',
        receivedAt: new Date(venue.clock.nowMs() - HOUR_MS),
      },
    });
    await legacy.enqueue('alert.process', { alertId: alert.id });
    // Handed to the exchange or not, unknown: its submit job looks it up first, then sends it once.
    await entryRow(subject, 'old-sent', 'SUBMITTED');
    await legacy.enqueue('order.submit', { clientOrderId: 'old-sent' });
    await entryRow(subject, 'old-unsent', 'NEW');
    await legacy.enqueue('order.submit', { clientOrderId: 'old-unsent' });
    await entryRow(subject, 'old-working', 'OPEN', 'exchange-1');
    await legacy.enqueue('order.timeout', { clientOrderId: 'old-working' }, { delayMs: HOUR_MS });

    const report = await pipeline.sweeper.sweepOnce();

    expect(report.redriven).toEqual({ alert: 1, submit: 1, unsent: 1, timeout: 1 });
    await eventually(async () => {
      const row = await database.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } });
      return row.status === 'PROCESSED';
    });
    await eventually(async () => {
      const row = await database.prisma.tradeRecord.findUniqueOrThrow({
        where: { clientOrderId: 'old-sent' },
      });
      return row.status === 'OPEN';
    });
    expect(venue.ordersWith('old-sent')).toBe(1);
    // An intent never sent is settled by lookup, as a dead process's is: not at the venue, so abandoned.
    expect(
      await database.prisma.tradeRecord.findUniqueOrThrow({ where: { clientOrderId: 'old-unsent' } }),
    ).toMatchObject({ status: 'CANCELED', statusReason: UNSENT_INTENT_REASON });
    expect(venue.ordersWith('old-unsent')).toBe(0);
    expect(await pipeline.queues.presenceOf('order.timeout', { clientOrderId: 'old-working' })).toBe('live');
    // The old queues are left as they were: nothing works them.
    expect(await legacy.queue('alert.process').getJobCounts('wait')).toEqual({ wait: 1 });
    expect(await legacy.queue('order.submit').getJobCounts('wait')).toEqual({ wait: 2 });
    await legacy.close();
  });
});
