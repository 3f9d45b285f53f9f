import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { buyAlertBody, useTradingHarness } from '../support/trading-harness.js';

describe('accepted alerts whose hand-off to the queue was lost', () => {
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
        idempotencyKey: 'lost-1',
        source: processed.source,
        rawBody: processed.rawBody,
        parsedPayload: processed.parsedPayload ?? {},
        remoteAddress: processed.remoteAddress,
        status: 'ACCEPTED',
        receivedAt: new Date(venue.clock.nowMs() - 60 * 60_000),
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
});
