import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMigrationsDir, migrateDatabase } from '../src/index.js';
import { engines, withExecutor } from './support/engines.js';
import { tempDir } from './support/temp-dir.js';

/** The migrations before the accounts table, copied to a folder of their own. */
async function migrationsBeforeAccounts(): Promise<string> {
  const dir = await tempDir('hookline-migrations-');
  for (const name of await readdir(defaultMigrationsDir)) {
    if (name.endsWith('_accounts')) break;
    await cp(join(defaultMigrationsDir, name), join(dir, name), { recursive: true });
  }
  return dir;
}

describe.each(engines)('the accounts migration on $kind', (engine) => {
  it('when accounts have rows before the upgrade then each is recorded with the mode its exchange shows', async () => {
    const location = await engine.emptyDatabase();
    await migrateDatabase({ ...location, migrationsDir: await migrationsBeforeAccounts() });
    // `default`: paper history, then live fills (the upgrade case); `lab`: paper only; `main`: live only.
    const fills: Array<[string, string]> = [
      ['default', 'paper'],
      ['default', 'coinbase'],
      ['lab', 'paper'],
      ['main', 'kraken'],
    ];
    await withExecutor(location, async (db) => {
      for (const [index, [account, exchange]] of fills.entries()) {
        await db.query(
          `INSERT INTO fills (id, account, exchange, trade_id, symbol, side, price, size, fee_currency,
             executed_at, received_at, ingest_via)
           VALUES ($1, $2, $3, $1, 'BTC/USD', 'BUY', 1, 1, 'USD', now(), now(), 'REST')`,
          [`f${index}`, account, exchange],
        );
      }
    });

    await migrateDatabase(location);

    const accounts = await withExecutor(location, (db) =>
      db.query(`SELECT name, mode::text AS mode, exchange FROM accounts ORDER BY name`),
    );
    expect(accounts).toEqual([
      { name: 'default', mode: 'paper', exchange: 'paper' },
      { name: 'lab', mode: 'paper', exchange: 'paper' },
      { name: 'main', mode: 'live', exchange: 'kraken' },
    ]);
  }, 60_000);
});
