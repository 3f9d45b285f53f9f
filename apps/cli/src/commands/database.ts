import { resolve } from 'node:path';
import { checkDrift, createMigration, migrateDatabase } from '@hookline/db';
import type { Config } from '@hookline/schemas';

/** `db migrate`: applies pending migrations to DATABASE_URL or the embedded database in DATA_DIR. */
export async function runMigrate(config: Config): Promise<number> {
  const target = config.DATABASE_URL ? 'DATABASE_URL' : `embedded database in ${resolve(config.DATA_DIR)}`;
  const result = await migrateDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: resolve(config.DATA_DIR),
  });
  for (const name of result.applied) process.stdout.write(`applied ${name}\n`);
  process.stdout.write(
    result.applied.length === 0
      ? `${target}: already up to date (${result.alreadyApplied.length} migrations applied earlier)\n`
      : `${target}: ${result.applied.length} migration(s) applied\n`,
  );
  return 0;
}

/** `db migration create <name>`: writes a new migration for the change in prisma/schema.prisma (offline). */
export async function runMigrationCreate(name: string): Promise<number> {
  const created = await createMigration({ name });
  process.stdout.write(`created ${created.directory}/migration.sql\n\n${created.sql}\n`);
  return 0;
}

/** `db drift`: exit 1 listing every difference between what the migrations build and the schema. */
export async function runDrift(): Promise<number> {
  const differences = await checkDrift();
  if (differences.length === 0) {
    process.stdout.write('no drift: the migrations build exactly what prisma/schema.prisma describes\n');
    return 0;
  }
  process.stdout.write(`drift (${differences.length}):\n  ${differences.join('\n  ')}\n`);
  return 1;
}
