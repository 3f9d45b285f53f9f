import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDrift, createMigration, defaultMigrationsDir, MigrationError } from '../src/index.js';
import { defaultSchemaPath } from '../src/paths.js';
import { tempDir } from './support/temp-dir.js';

const clock = { now: () => new Date('2099-01-02T03:04:05.678Z') };

/** A copy of prisma/ (schema and migrations) that a test may change. */
async function copyOfPrismaFolder(): Promise<{ schemaPath: string; migrationsDir: string }> {
  const dir = await tempDir();
  const schemaPath = join(dir, 'schema.prisma');
  const migrationsDir = join(dir, 'migrations');
  await cp(defaultSchemaPath, schemaPath);
  await cp(defaultMigrationsDir, migrationsDir, { recursive: true });
  return { schemaPath, migrationsDir };
}

describe('createMigration', () => {
  it('when schema.prisma has not changed since the last migration then it refuses and writes nothing', async () => {
    const paths = await copyOfPrismaFolder();
    const before = await readdir(paths.migrationsDir);

    const attempt = createMigration({ name: 'nothing', ...paths, clock });

    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toMatchObject({ code: 'NO_SCHEMA_CHANGE' });
    expect(await readdir(paths.migrationsDir)).toEqual(before);
  }, 60_000);

  it('when schema.prisma gained a column and an enum value then the new migration adds exactly those', async () => {
    const paths = await copyOfPrismaFolder();
    const schema = await readFile(paths.schemaPath, 'utf8');
    const changed = schema
      .replace('  hodl            Boolean', '  note String?\n  hodl            Boolean')
      .replace('  EMERGENCY\n', '  EMERGENCY\n  OPERATOR_OVERRIDE\n');
    expect(changed).not.toBe(schema);
    await writeFile(paths.schemaPath, changed);

    const created = await createMigration({ name: 'Add position note!', ...paths, clock });

    expect(created.name).toBe('20990102030405_add_position_note');
    expect(created.sql).toContain('ALTER TABLE "position_state" ADD COLUMN');
    expect(created.sql).toContain('"note" TEXT');
    expect(created.sql).toContain(`ALTER TYPE "exit_reason" ADD VALUE 'OPERATOR_OVERRIDE'`);
    expect(created.sql).not.toContain('CREATE TABLE');
    expect(await readFile(join(created.directory, 'migration.sql'), 'utf8')).toBe(created.sql);
    expect(await checkDrift({ ...paths })).toEqual([]);
  }, 60_000);
});
