import { readLatestMatrixRows } from '@hookline/runtime';
import { matrixHashKey } from '@hookline/schemas';
import { storeOf } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { latestMatrixRowsFromDatabase } from '../../src/publish/database-matrix-reader.js';
import { MatrixPublisher } from '../../src/publish/matrix-publisher.js';
import { useSighookInfrastructure } from '../service/sighook-database.js';
import { matrixRow, rowOfMinute } from './matrix-rows.js';

const NOW_MS = Date.parse('2025-01-02T12:05:30.000Z');
const MAX_AGE_MS = 15 * 60_000;

describe('matrix publisher: Postgres signal_matrix and the latest row in Redis', () => {
  const infrastructure = useSighookInfrastructure('sighook_publish');

  function publisher() {
    const { prisma } = infrastructure.database();
    return new MatrixPublisher({
      store: storeOf(prisma),
      redis: infrastructure.redis(),
      prefix: infrastructure.prefix(),
    });
  }

  it('when rows are published then Postgres has each and Redis and Postgres give the same latest row', async () => {
    const rows = [rowOfMinute(2), rowOfMinute(3, { action: 'HOLD' }), rowOfMinute(2, { symbol: 'ETH/USD' })];

    expect(await publisher().publish(rows)).toBe(3);

    const { prisma } = infrastructure.database();
    expect(await prisma.signalMatrix.count()).toBe(3);
    const options = { nowMs: NOW_MS, maxAgeMs: MAX_AGE_MS, prefix: infrastructure.prefix() };
    const fromRedis = await readLatestMatrixRows(infrastructure.redis(), ['BTC/USD', 'ETH/USD'], options);
    const fromPostgres = await latestMatrixRowsFromDatabase(storeOf(prisma), ['BTC/USD', 'ETH/USD'], options);
    expect(fromRedis.get('BTC/USD')).toMatchObject({ ok: true, row: rows[1] });
    expect(fromRedis.get('ETH/USD')).toMatchObject({ ok: true, row: rows[2] });
    expect(fromPostgres.get('BTC/USD')).toEqual(fromRedis.get('BTC/USD'));
    expect(fromPostgres.get('ETH/USD')).toEqual(fromRedis.get('ETH/USD'));
  });

  it('when the same candle is published again then it is a no-op in Postgres', async () => {
    await publisher().publish([rowOfMinute(2)]);

    const again = await publisher().publish([rowOfMinute(2, { computed_at: '2025-01-02T12:03:30.000Z' })]);

    const { prisma } = infrastructure.database();
    expect(again).toBe(0);
    expect(await prisma.signalMatrix.count()).toBe(1);
    const stored = await prisma.signalMatrix.findFirstOrThrow();
    expect(stored.computedAt.toISOString()).toBe('2025-01-02T12:03:00.000Z');
    expect(stored.buyScore.toFixed()).toBe('3.5');
    expect(stored.atr?.toFixed()).toBe('85.125');
  });

  it('when Postgres has no row, or only an old one, then the database reader refuses it with the reason', async () => {
    await publisher().publish([rowOfMinute(2, { computed_at: '2025-01-02T11:00:00.000Z' })]);
    const { prisma } = infrastructure.database();

    const latest = await latestMatrixRowsFromDatabase(storeOf(prisma), ['BTC/USD', 'SOL/USD'], {
      nowMs: NOW_MS,
      maxAgeMs: MAX_AGE_MS,
    });

    expect(latest.get('BTC/USD')).toMatchObject({ ok: false, refusal: 'STALE' });
    expect(latest.get('SOL/USD')).toMatchObject({ ok: false, refusal: 'MISSING' });
  });

  it('when only another timeframe has a row then a reader of this timeframe finds none', async () => {
    await publisher().publish([matrixRow({ timeframe: '5m', computed_at: '2025-01-02T12:05:00.000Z' })]);
    const { prisma } = infrastructure.database();
    const options = { nowMs: NOW_MS, maxAgeMs: MAX_AGE_MS };

    const oneMinute = await latestMatrixRowsFromDatabase(storeOf(prisma), ['BTC/USD'], {
      ...options,
      timeframe: '1m',
    });
    const anyTimeframe = await latestMatrixRowsFromDatabase(storeOf(prisma), ['BTC/USD'], options);

    expect(oneMinute.get('BTC/USD')).toMatchObject({ ok: false, refusal: 'MISSING' });
    expect(anyTimeframe.get('BTC/USD')).toMatchObject({ ok: true });
  });

  it('when the Redis hash is written then it carries the row, its computed_at and its candle_time', async () => {
    const row = rowOfMinute(4);
    await publisher().publish([row]);

    const hash = await infrastructure.redis().hgetall(matrixHashKey('BTC/USD', infrastructure.prefix()));

    expect(hash).toEqual({
      row: JSON.stringify(row),
      computed_at: row.computed_at,
      candle_time: row.candle_time,
    });
  });
});
