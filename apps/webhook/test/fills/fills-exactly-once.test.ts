import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { buyAlertBody, useTradingHarness } from '../support/trading-harness.js';

describe('fills into the ledger exactly once', () => {
  const harness = useTradingHarness();

  it('when the stream delivered a fill and the REST backfill replays it then the ledger holds it once', async () => {
    const { post, database, pipeline, redis, prefix } = await harness();
    await post(buyAlertBody('fill-once'));
    await eventually(async () => (await database.prisma.fill.count()) === 1);
    const [streamed] = await database.prisma.fill.findMany();
    expect(streamed?.ingestVia).toBe('WEBSOCKET');

    expect(await pipeline.fills.backfill()).toBe(0);
    expect(await pipeline.fills.backfill()).toBe(0);

    expect(await database.prisma.fill.count()).toBe(1);
    expect(await database.prisma.fifoAllocation.count()).toBe(0);
    expect(await redis.get(`${prefix}:fills:cursor:default:paper`)).not.toBeNull();
  });

  it('when the stream is down while an order fills then the reconnect backfill records the fill', async () => {
    const { post, database, venue } = await harness();
    venue.exchange.faults.disconnectStream('user', 3_600_000);

    await post(buyAlertBody('fill-during-outage'));
    await eventually(async () => (await database.prisma.tradeRecord.findFirst())?.status === 'FILLED');
    expect(await database.prisma.fill.count()).toBe(0);

    venue.exchange.faults.reconnectStream('user');
    venue.exchange.tick();

    const fill = await eventually(async () => (await database.prisma.fill.findFirst()) ?? undefined);
    expect(fill.ingestVia).toBe('REST');
    const row = await database.prisma.tradeRecord.findFirstOrThrow();
    expect(fill.tradeRecordId).toBe(row.id);
    expect(row.filledSize.toString()).toBe(row.size.toString());
  });
});
