import { dec } from '@hookline/core';
import {
  alertRecordPayloadSchema,
  jobCatalog,
  jobQueuePrefixOf,
  normalizedAlertSchema,
  queueNameOf,
  sighookDecisionId,
} from '@hookline/schemas';
import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { rowOfMinute } from '../publish/matrix-rows.js';
import { useSighookInfrastructure } from '../service/sighook-database.js';
import { buyOrder, entriesFor, openPosition, WEBHOOK_ALERT_QUEUE } from './entry-fixtures.js';

const KEY = 'sighook:BTC/USD:1m:2025-01-02T12:02:00.000Z';

describe('sighook entries: a BUY without a position becomes an alert on the webhook queue', () => {
  const infrastructure = useSighookInfrastructure('sighook_entries');

  function webhookQueue(): Queue {
    // The queue exactly as the webhook's worker of the account opens it: its name and the account's
    // prefix under the service's key prefix.
    const queue = new Queue(WEBHOOK_ALERT_QUEUE, {
      connection: infrastructure.redis(),
      prefix: jobQueuePrefixOf('default', infrastructure.prefix()),
    });
    infrastructure.onCleanup(() => queue.close());
    return queue;
  }

  it('when a BUY row comes for a symbol without a position then one ACCEPTED SIGHOOK alert is stored, as ingress stores one', async () => {
    const { entries } = entriesFor(infrastructure);

    const outcome = await entries.consider(rowOfMinute(2), dec('60123.45'));

    expect(outcome).toMatchObject({ kind: 'EMITTED' });
    const alert = await infrastructure.database().prisma.alert.findFirstOrThrow();
    expect(alert).toMatchObject({
      idempotencyKey: KEY,
      source: 'SIGHOOK',
      status: 'ACCEPTED',
      reason: null,
      remoteAddress: null,
      receivedAt: new Date(Date.UTC(2025, 0, 2, 12, 3, 10)),
    });
    const payload = alertRecordPayloadSchema.parse(alert.parsedPayload);
    expect(payload.decisionId).toBe(sighookDecisionId('default', KEY));
    // A UUIDv8, the same for the same candle and different for the next one.
    expect(payload.decisionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(sighookDecisionId('default', KEY.replace('12:02', '12:03'))).not.toBe(payload.decisionId);
    expect(normalizedAlertSchema.parse(payload.alert)).toEqual({
      template: 'hookline',
      id: KEY,
      action: 'buy',
      symbol: 'BTC/USD',
      ticker: 'BTC/USD',
      exchange: null,
      price: '60123.45',
      time: '2025-01-02T12:03:00.000Z',
      size: null,
      orderType: null,
    });
    expect(JSON.parse(alert.rawBody)).toEqual(rowOfMinute(2));
  });

  it('when an entry is emitted then alert.process lands on the queue the webhook worker reads, with a catalog payload and id', async () => {
    const { entries } = entriesFor(infrastructure);

    const outcome = await entries.consider(rowOfMinute(2), null);

    if (outcome.kind !== 'EMITTED') throw new Error(`expected EMITTED, got ${outcome.kind}`);
    expect(queueNameOf('alert.process')).toBe(WEBHOOK_ALERT_QUEUE);
    const job = await webhookQueue().getJob(`alert-${outcome.alertId}`);
    expect(job?.name).toBe('alert.process');
    expect(jobCatalog['alert.process'].payload.parse(job?.data)).toEqual({ alertId: outcome.alertId });
    expect(job?.opts.attempts).toBe(jobCatalog['alert.process'].retry.attempts);
  });

  it('when the same candle is considered again, by this process or another, then there is still one alert and one job', async () => {
    const first = entriesFor(infrastructure).entries;
    const replica = entriesFor(infrastructure).entries;

    const outcomes = [
      await first.consider(rowOfMinute(2), null),
      await first.consider(rowOfMinute(2), null),
      await replica.consider(rowOfMinute(2, { computed_at: '2025-01-02T12:03:05.000Z' }), null),
    ];

    expect(outcomes.map((outcome) => outcome.kind)).toEqual([
      'EMITTED',
      'ALREADY_EMITTED',
      'ALREADY_EMITTED',
    ]);
    expect(await infrastructure.database().prisma.alert.count()).toBe(1);
    expect(await webhookQueue().getJobCounts('wait', 'delayed', 'active')).toEqual({
      wait: 1,
      delayed: 0,
      active: 0,
    });
  });

  it('when the position is open then no alert is stored and no job is queued', async () => {
    const { prisma } = infrastructure.database();
    await openPosition(prisma);
    const { entries } = entriesFor(infrastructure);

    const outcomes = [
      await entries.consider(rowOfMinute(2), null),
      await entries.consider(rowOfMinute(2, { symbol: 'ETH/USD' }), null),
    ];

    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['POSITION_OPEN', 'EMITTED']);
    expect(
      await prisma.alert.count({
        where: { parsedPayload: { path: ['alert', 'symbol'], equals: 'BTC/USD' } },
      }),
    ).toBe(0);
  });

  it.each([
    ['OPEN', 'BUY_WORKING'],
    ['NEW', 'BUY_WORKING'],
    ['CANCELED', 'EMITTED'],
  ] as const)('when a BUY order of ours is %s then the entry is %s', async (status, expected) => {
    await buyOrder(infrastructure.database().prisma, status);
    const { entries } = entriesFor(infrastructure);

    expect((await entries.consider(rowOfMinute(2), null)).kind).toBe(expected);
  });

  it('when an earlier entry on the symbol is not decided yet then the next candle adds none, and once decided it may', async () => {
    const { entries } = entriesFor(infrastructure);
    const { prisma } = infrastructure.database();
    await entries.consider(rowOfMinute(1), null);

    const pending = await entries.consider(rowOfMinute(2), null);
    await prisma.alert.updateMany({ data: { status: 'PROCESSED' } });
    const afterDecision = await entries.consider(rowOfMinute(2), null);

    expect(pending.kind).toBe('ENTRY_PENDING');
    expect(afterDecision.kind).toBe('EMITTED');
    expect(await prisma.alert.count()).toBe(2);
  });

  it.each([
    ['HOLD', rowOfMinute(2, { action: 'HOLD' }), 'NOT_BUY'],
    ['SELL', rowOfMinute(2, { action: 'SELL' }), 'NOT_BUY'],
    ['computed too long ago', rowOfMinute(2, { computed_at: '2025-01-02T11:40:00.000Z' }), 'STALE'],
    [
      'on a candle that closed too long ago',
      rowOfMinute(-30, { computed_at: '2025-01-02T12:03:00.000Z' }),
      'STALE',
    ],
  ])('when the row is %s then nothing is emitted', async (_case, row, kind) => {
    const { entries } = entriesFor(infrastructure);

    expect((await entries.consider(row, null)).kind).toBe(kind);
    expect(await infrastructure.database().prisma.alert.count()).toBe(0);
  });

  it('when the enqueue fails after the alert is stored then it stays ACCEPTED and a later consideration enqueues it', async () => {
    const { entries, queue } = entriesFor(infrastructure);
    const enqueue = queue.enqueue.bind(queue);
    let failures = 1;
    queue.enqueue = async (alertId: string) => {
      if (failures-- > 0) throw new Error('redis is down');
      return enqueue(alertId);
    };

    await expect(entries.consider(rowOfMinute(2), null)).rejects.toThrow('redis is down');
    const again = await entries.consider(rowOfMinute(2), null);

    const alert = await infrastructure.database().prisma.alert.findFirstOrThrow();
    expect(alert.status).toBe('ACCEPTED');
    expect(again).toEqual({ kind: 'ALREADY_EMITTED', alertId: alert.id });
    expect((await webhookQueue().getJob(`alert-${alert.id}`))?.data).toEqual({ alertId: alert.id });
  });
});
