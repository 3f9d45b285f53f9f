import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMigrationsDir, migrateDatabase } from '../src/index.js';
import { engines, withExecutor } from './support/engines.js';
import { tempDir } from './support/temp-dir.js';

/** The migrations before alerts carried their account, copied to a folder of their own. */
async function migrationsBeforeAlertAccounts(): Promise<string> {
  const dir = await tempDir('hookline-migrations-');
  for (const name of (await readdir(defaultMigrationsDir)).sort()) {
    if (name.endsWith('_alert_accounts')) break;
    await cp(join(defaultMigrationsDir, name), join(dir, name), { recursive: true });
  }
  return dir;
}

const alertRow = `INSERT INTO alerts (id, idempotency_key, source, raw_body, status, received_at)
  VALUES ($1, $2, 'TRADINGVIEW', '{}', $3::alert_status, now())`;

describe.each(engines)('the alert accounts migration on $kind', (engine) => {
  it.each([
    {
      recorded: [] as Array<[string, string, string]>,
      undecided: 'paper',
      why: 'no account recorded: the account a start with nothing configured trades',
    },
    {
      recorded: [
        ['paper', 'paper', '2026-12-01T00:00:00Z'],
        ['live', 'live', '2026-12-05T00:00:00Z'],
      ] as Array<[string, string, string]>,
      undecided: 'live',
      why: 'the most recently recorded account',
    },
  ])(
    'when alerts exist before the upgrade then a decided one takes its decision’s account and an undecided one $undecided ($why)',
    async ({ recorded, undecided }) => {
      const location = await engine.emptyDatabase();
      await migrateDatabase({ ...location, migrationsDir: await migrationsBeforeAlertAccounts() });
      await withExecutor(location, async (db) => {
        for (const [name, mode, createdAt] of recorded) {
          await db.query(
            `INSERT INTO accounts (name, mode, exchange, created_at) VALUES ($1, $2::account_mode, 'paper', $3)`,
            [name, mode, createdAt],
          );
        }
        await db.query(alertRow, ['decided', 'tradingview:id:buy:1', 'PROCESSED']);
        await db.query(alertRow, ['accepted', 'tradingview:id:buy:2', 'ACCEPTED']);
        await db.query(alertRow, ['rejected', 'rejected:x', 'REJECTED']);
        await db.query(
          `INSERT INTO decisions (decision_id, account, symbol, intent, outcome, reason_code, rule_inputs, alert_id)
         VALUES ('d-1', 'lab', 'BTC/USD', 'ENTRY', 'BLOCKED', 'BUY_GUARD_ACTIVE', '{}', 'decided')`,
        );
      });

      await migrateDatabase(location);

      const rows = await withExecutor(location, (db) =>
        db.query(`SELECT id, account FROM alerts ORDER BY id`),
      );
      expect(rows).toEqual([
        { id: 'accepted', account: undecided },
        { id: 'decided', account: 'lab' },
        { id: 'rejected', account: undecided },
      ]);
      // The key is unique per account now: another account may hold it, the same account may not.
      await withExecutor(location, async (db) => {
        await db.query(
          `INSERT INTO alerts (id, account, idempotency_key, source, raw_body, status, received_at)
         VALUES ('other', 'other', 'tradingview:id:buy:1', 'TRADINGVIEW', '{}', 'ACCEPTED', now())`,
        );
        await expect(
          db.query(
            `INSERT INTO alerts (id, account, idempotency_key, source, raw_body, status, received_at)
           VALUES ('again', 'lab', 'tradingview:id:buy:1', 'TRADINGVIEW', '{}', 'ACCEPTED', now())`,
          ),
        ).rejects.toThrow(/alerts_account_idempotency_key_key/);
      });
    },
    60_000,
  );
});
