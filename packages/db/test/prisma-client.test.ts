import { afterEach, describe, expect, it } from 'vitest';
import { type Database, migrateDatabase, openDatabase, Prisma } from '../src/index.js';
import { engines } from './support/engines.js';

// Values that a float or a fixed DECIMAL(65,30) would not keep: 25 and 30+ decimal places, a large
// integer part, and a negative P&L.
const price = new Prisma.Decimal('61234.123456789012345678901234567');
const size = new Prisma.Decimal('0.000000000000000000123456789');
const fees = new Prisma.Decimal('12345678901234567890.000000000000000000000001');
const pnl = new Prisma.Decimal('-0.100000000000000000000000000000000000001');

const opened: Database[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
});

async function openMigrated(engine: (typeof engines)[number]): Promise<Database> {
  const location = await engine.emptyDatabase();
  await migrateDatabase(location);
  const database = await openDatabase(location);
  opened.push(database);
  return database;
}

function fill(tradeId: string) {
  return {
    exchange: 'coinbase',
    tradeId,
    symbol: 'BTC/USD',
    side: 'BUY',
    price,
    size,
    fee: new Prisma.Decimal('0.000000000000000000000001'),
    feeCurrency: 'USD',
    executedAt: new Date('2024-02-29T23:59:59.123Z'),
    receivedAt: new Date('2024-02-29T23:59:59.456Z'),
    ingestVia: 'REST',
  } as const;
}

describe.each(engines)('the Prisma client on $kind', (engine) => {
  it('when a trade record with 18+ decimal places is written then it reads back exactly', async () => {
    const { prisma, kind } = await openMigrated(engine);
    expect(kind).toBe(engine.kind);

    await prisma.tradeRecord.create({
      data: {
        exchange: 'coinbase',
        clientOrderId: 'hl-decision-1',
        symbol: 'BTC/USD',
        side: 'SELL',
        orderType: 'LIMIT',
        status: 'FILLED',
        price,
        size,
        filledSize: size,
        totalFeesUsd: fees,
        pnlUsd: pnl,
        trigger: 'EXIT',
        exitReason: 'TRAILING_STOP',
        source: 'WEBHOOK',
        orderTime: new Date('2024-03-01T00:00:00.000001Z'),
      },
    });
    const row = await prisma.tradeRecord.findUniqueOrThrow({ where: { clientOrderId: 'hl-decision-1' } });

    expect(row.price?.toFixed()).toBe(price.toFixed());
    expect(row.size.toFixed()).toBe(size.toFixed());
    expect(row.filledSize.toFixed()).toBe(size.toFixed());
    expect(row.totalFeesUsd.toFixed()).toBe(fees.toFixed());
    expect(row.pnlUsd?.toFixed()).toBe(pnl.toFixed());
    expect(row.exitReason).toBe('TRAILING_STOP');
    const [stored] = await prisma.$queryRaw<Array<{ price: string; size: string }>>`
      SELECT price::text AS price, size::text AS size FROM trade_records`;
    expect(stored).toEqual({ price: price.toFixed(), size: size.toFixed() });
    expect(row.account).toBe('default');
  }, 60_000);

  it('when the same exchange trade is inserted twice then the fills unique key rejects the second', async () => {
    const { prisma } = await openMigrated(engine);
    const first = await prisma.fill.create({ data: fill('trade-1') });

    const duplicate = prisma.fill.create({ data: fill('trade-1') });

    await expect(duplicate).rejects.toMatchObject({ code: 'P2002' });
    expect(await prisma.fill.count()).toBe(1);
    const other = await prisma.fill.create({ data: fill('trade-2') });
    expect(other.arrivalSeq > first.arrivalSeq).toBe(true);
    expect(first.size.toFixed()).toBe(size.toFixed());
  }, 60_000);

  it('when the database is pinged then it answers', async () => {
    const database = await openMigrated(engine);

    await expect(database.ping()).resolves.toBeUndefined();
  }, 60_000);
});
