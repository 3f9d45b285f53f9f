import { ParsedMatrixRows, readLatestMatrixRows, writeLatestMatrixRow } from '@hookline/runtime';
import { matrixChannel, matrixHashKey } from '@hookline/schemas';
import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { useSighookInfrastructure } from '../service/sighook-database.js';
import { rowOfMinute } from './matrix-rows.js';

const NOW_MS = Date.parse('2025-01-02T12:05:30.000Z');
const MAX_AGE_MS = 15 * 60_000;

describe('matrix in Redis (packages/runtime matrix-redis)', () => {
  const infrastructure = useSighookInfrastructure('sighook_matrix_redis');

  async function read(symbols = ['BTC/USD'], nowMs = NOW_MS) {
    const options = { nowMs, maxAgeMs: MAX_AGE_MS, prefix: infrastructure.prefix() };
    return await readLatestMatrixRows(infrastructure.redis(), symbols, options);
  }

  it('when an older candle is written after a newer one then the newer one stays', async () => {
    const redis = infrastructure.redis();
    await writeLatestMatrixRow(redis, rowOfMinute(3), infrastructure.prefix());

    await writeLatestMatrixRow(redis, rowOfMinute(2), infrastructure.prefix());

    expect((await read()).get('BTC/USD')).toMatchObject({ ok: true, row: rowOfMinute(3) });
  });

  it('when a row is written then a subscriber of the update channel receives it', async () => {
    const subscriber = new Redis(inject('redisUrl'));
    infrastructure.onCleanup(async () => {
      await subscriber.quit();
    });
    const received = new Promise<string>((resolve) =>
      subscriber.on('message', (_channel, text) => resolve(text)),
    );
    await subscriber.subscribe(matrixChannel(infrastructure.prefix()));

    await writeLatestMatrixRow(infrastructure.redis(), rowOfMinute(4), infrastructure.prefix());

    expect(JSON.parse(await received)).toEqual(rowOfMinute(4));
  });

  it('when the latest row is older than the limit then it is refused as STALE', async () => {
    await writeLatestMatrixRow(infrastructure.redis(), rowOfMinute(2), infrastructure.prefix());

    const latest = await read(['BTC/USD'], Date.parse('2025-01-02T12:03:00.000Z') + MAX_AGE_MS + 1);

    expect(latest.get('BTC/USD')).toMatchObject({ ok: false, refusal: 'STALE' });
  });

  it.each([
    ['text that is not JSON', 'not json'],
    ['JSON that is not a matrix row', JSON.stringify({ ...rowOfMinute(2), action: 'MAYBE' })],
  ])('when the stored row is %s then it is refused as MALFORMED', async (_case, text) => {
    await infrastructure.redis().hset(matrixHashKey('BTC/USD', infrastructure.prefix()), { row: text });

    expect((await read()).get('BTC/USD')).toMatchObject({ ok: false, refusal: 'MALFORMED' });
  });

  it('when a reader reads an unchanged row again then it reuses what it parsed, checks its age anew, and parses a new or broken text', async () => {
    const redis = infrastructure.redis();
    const key = matrixHashKey('BTC/USD', infrastructure.prefix());
    const parsed = new ParsedMatrixRows();
    const readWith = async (nowMs: number) => {
      const options = { nowMs, maxAgeMs: MAX_AGE_MS, prefix: infrastructure.prefix(), parsed };
      return (await readLatestMatrixRows(redis, ['BTC/USD'], options)).get('BTC/USD');
    };
    await writeLatestMatrixRow(redis, rowOfMinute(3), infrastructure.prefix());

    const first = await readWith(NOW_MS);
    const again = await readWith(NOW_MS + 1_000);
    const later = await readWith(Date.parse(rowOfMinute(3).computed_at) + MAX_AGE_MS + 1);
    await writeLatestMatrixRow(redis, rowOfMinute(4), infrastructure.prefix());
    const newer = await readWith(NOW_MS);
    await redis.hset(key, { row: JSON.stringify({ ...rowOfMinute(4), action: 'MAYBE' }) });
    const broken = await readWith(NOW_MS);
    await redis.hset(key, { row: JSON.stringify(rowOfMinute(4)) });
    const mended = await readWith(NOW_MS);

    expect(first).toMatchObject({ ok: true, row: rowOfMinute(3) });
    expect(again?.ok && first?.ok && again.row === first.row).toBe(true);
    expect(again).toMatchObject({ ok: true, ageMs: (first?.ok ? first.ageMs : 0) + 1_000 });
    expect(later).toMatchObject({ ok: false, refusal: 'STALE' });
    expect(newer).toMatchObject({ ok: true, row: rowOfMinute(4) });
    expect(broken).toMatchObject({ ok: false, refusal: 'MALFORMED' });
    expect(mended).toMatchObject({ ok: true, row: rowOfMinute(4) });
  });

  it('when a symbol has no row then it is refused as MISSING', async () => {
    expect((await read(['SOL/USD'])).get('SOL/USD')).toMatchObject({ ok: false, refusal: 'MISSING' });
  });

  it("when a symbol's key holds something else than a hash then only that symbol is refused, with what Redis said", async () => {
    const redis = infrastructure.redis();
    await writeLatestMatrixRow(redis, rowOfMinute(3), infrastructure.prefix());
    await redis.set(matrixHashKey('ETH/USD', infrastructure.prefix()), 'not a hash');

    const rows = await read(['ETH/USD', 'BTC/USD', 'SOL/USD']);

    expect(rows.get('ETH/USD')).toMatchObject({
      ok: false,
      refusal: 'MISSING',
      detail: expect.stringMatching(/^redis: WRONGTYPE/),
    });
    expect(rows.get('BTC/USD')).toMatchObject({ ok: true, row: rowOfMinute(3) });
    expect(rows.get('SOL/USD')).toMatchObject({ ok: false, refusal: 'MISSING' });
  });

  // More symbols than one read call takes: each row still comes back under its own symbol.
  it('when thousands of symbols are read then every one gets its own row or its own refusal', async () => {
    const redis = infrastructure.redis();
    const symbols = Array.from({ length: 2_500 }, (_, index) => `S${index}/USD`);
    const pipeline = redis.pipeline();
    symbols.forEach((symbol, index) => {
      if (index % 7 === 3) return; // no row
      const row = { ...rowOfMinute(3), symbol, atr: String(index) };
      pipeline.hset(matrixHashKey(symbol, infrastructure.prefix()), 'row', JSON.stringify(row));
    });
    await pipeline.exec();

    const rows = await read(symbols);

    symbols.forEach((symbol, index) => {
      const read = rows.get(symbol);
      if (index % 7 === 3) expect(read).toMatchObject({ ok: false, refusal: 'MISSING' });
      else expect(read).toMatchObject({ ok: true, row: { symbol, atr: String(index) } });
    });
  });
});
