import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../src/index.js';
import { readMigrations } from '../src/migrations/migration-files.js';
import { defaultMigrationsDir } from '../src/paths.js';

describe('the throwaway database in memory', () => {
  it('when it is opened then every migration is applied and two of them share nothing', async () => {
    const [first, second] = [await openMemoryDatabase(), await openMemoryDatabase()];
    try {
      const applied = await first.prisma.$queryRaw<Array<{ migration_name: string }>>`
        SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`;
      const files = await readMigrations(defaultMigrationsDir);
      expect(applied.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));

      await first.prisma.positionState.create({
        data: { account: 'a', symbol: 'BTC/USD', entryTime: new Date(0), peakPrice: '1' },
      });
      expect(await first.prisma.positionState.count()).toBe(1);
      expect(await second.prisma.positionState.count()).toBe(0);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
