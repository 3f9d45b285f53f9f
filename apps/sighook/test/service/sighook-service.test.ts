import { createLogger, heartbeatKey, ReadinessRegistry, readLatestMatrixRows } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { startSighookService } from '../../src/sighook-service.js';
import { MINUTE, ScriptedMarket } from '../market-data/scripted-market.js';
import { useSighookInfrastructure } from './sighook-database.js';

const SYMBOLS = ['BTC/USD', 'ETH/USD'];

describe('sighook service in-process on real Postgres and Redis', () => {
  const infrastructure = useSighookInfrastructure('sighook_service');

  async function start(market: ScriptedMarket, env: Record<string, string> = {}) {
    const readiness = new ReadinessRegistry();
    const service = await startSighookService({
      config: parseConfig({
        HOOKLINE_ACCOUNT: 'default',
        HOOKLINE_SIGHOOK_SYMBOLS: 'btc-usd,ETH/USD',
        HOOKLINE_SIGHOOK_POLL_INTERVAL_MS: '1000',
        ...env,
      }),
      logger: createLogger({ level: 'silent', service: 'sighook-test' }),
      clock: market.clock,
      database: infrastructure.database(),
      redis: infrastructure.redis(),
      readiness,
      exchange: market.exchange,
      ownHealthServer: false,
      servicesInProcess: ['sighook'],
      keyPrefix: infrastructure.prefix(),
    });
    return { service, readiness };
  }

  it('when it starts then each symbol gets its first matrix row in Postgres and Redis, and each closed candle a new one', async () => {
    const market = new ScriptedMarket();
    market.walk(0, 40 * MINUTE + 5_000, 60_000, SYMBOLS);
    const { prisma } = infrastructure.database();

    const { service, readiness } = await start(market);
    infrastructure.onCleanup(() => service.stop());

    expect(service.symbols).toEqual(SYMBOLS);
    const first = await prisma.signalMatrix.findMany({ orderBy: { symbol: 'asc' } });
    expect(first.map((row) => [row.symbol, row.candleTime.toISOString()])).toEqual([
      ['BTC/USD', '2025-01-02T12:39:00.000Z'],
      ['ETH/USD', '2025-01-02T12:39:00.000Z'],
    ]);
    const options = { nowMs: market.clock.nowMs(), maxAgeMs: 60_000, prefix: infrastructure.prefix() };
    const latest = await readLatestMatrixRows(infrastructure.redis(), SYMBOLS, options);
    expect([...latest.values()].map((row) => row.ok)).toEqual([true, true]);
    expect(await readiness.report()).toMatchObject({ ready: true, checks: { 'sighook:poll': { ok: true } } });
    expect(await infrastructure.redis().get(heartbeatKey('sighook', 'default'))).toBe(
      market.clock.now().toISOString(),
    );

    market.walk(40 * MINUTE + 15_000, 41 * MINUTE + 5_000, 61_000, SYMBOLS);
    const rows = await eventually(
      async () => {
        const count = await prisma.signalMatrix.count();
        return count === 4 ? count : undefined;
      },
      { intervalMs: 50 },
    );
    expect(rows).toBe(4);
    // Redis is written after PostgreSQL: the new row may land there a moment after the count is 4.
    const btc = await eventually(
      async () => {
        const read = await readLatestMatrixRows(infrastructure.redis(), ['BTC/USD'], {
          ...options,
          nowMs: market.clock.nowMs(),
        });
        const row = read.get('BTC/USD');
        return row?.ok && row.row.candle_time === '2025-01-02T12:40:00.000Z' ? row : undefined;
      },
      { intervalMs: 50, what: 'the 12:40 BTC/USD row in Redis' },
    );
    expect(btc).toMatchObject({ ok: true, row: { candle_time: '2025-01-02T12:40:00.000Z' } });
  });

  it('when it stops then the loop and heartbeat stop and no further rows are written', async () => {
    const market = new ScriptedMarket();
    market.walk(0, 10 * MINUTE + 5_000, 60_000, SYMBOLS);
    const { service } = await start(market);
    const { prisma } = infrastructure.database();

    await service.stop();
    market.walk(10 * MINUTE + 15_000, 12 * MINUTE + 5_000, 61_000, SYMBOLS);
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    expect(await prisma.signalMatrix.count()).toBe(2);
    expect(await infrastructure.redis().get(heartbeatKey('sighook', 'default'))).toBeNull();
  });

  it('when a symbol fails then the others are still published and readiness names the failing one', async () => {
    const market = new ScriptedMarket();
    market.walk(0, 10 * MINUTE + 5_000, 60_000, SYMBOLS);
    const { service, readiness } = await start(market);
    infrastructure.onCleanup(() => service.stop());
    const fetchCandles = market.exchange.fetchCandles.bind(market.exchange);
    market.exchange.fetchCandles = async (symbol, timeframe, query) => {
      if (symbol === 'ETH/USD') throw new Error('ETH candles unavailable');
      return fetchCandles(symbol, timeframe, query);
    };

    market.walk(10 * MINUTE + 15_000, 11 * MINUTE + 5_000, 61_000, SYMBOLS);
    const report = await service.pollOnce();

    expect(report.failed).toEqual(new Map([['ETH/USD', 'ETH candles unavailable']]));
    const { prisma } = infrastructure.database();
    expect(await prisma.signalMatrix.count({ where: { symbol: 'BTC/USD' } })).toBe(2);
    market.clock.advance(5 * 60_000);
    expect(await readiness.report()).toMatchObject({
      checks: {
        'sighook:poll': { ok: false, detail: { failing: { 'ETH/USD': 'ETH candles unavailable' } } },
      },
    });
  });

  it('when a configured symbol is not a market then the start fails naming it', async () => {
    const market = new ScriptedMarket();

    await expect(start(market, { HOOKLINE_SIGHOOK_SYMBOLS: 'BTC/USD,WAT/USD' })).rejects.toThrow(
      /"WAT\/USD"/,
    );
    expect(await infrastructure.redis().get(heartbeatKey('sighook', 'default'))).toBeNull();
  });

  it('when entries are off then a BUY writes the matrix but no alert', async () => {
    const market = new ScriptedMarket();
    market.walk(0, 60 * MINUTE + 5_000, 60_000, SYMBOLS);

    const { service } = await start(market, {
      HOOKLINE_SIGHOOK_ENTRIES: 'off',
      HOOKLINE_MATRIX_WEIGHTS: 'macd=1,ema_cross=1,roc=0.5,volume=0.5',
      HOOKLINE_MATRIX_BUY_THRESHOLD: '1',
    });
    infrastructure.onCleanup(() => service.stop());

    const { prisma } = infrastructure.database();
    expect(await prisma.signalMatrix.count({ where: { action: 'BUY' } })).toBe(2);
    expect(await prisma.alert.count()).toBe(0);
  });
});
