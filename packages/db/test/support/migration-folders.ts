import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from './temp-dir.js';

/** Writes a migrations folder with the given `name → migration.sql` entries; returns its path. */
export async function migrationsFolder(migrations: Record<string, string>): Promise<string> {
  const dir = await tempDir('hookline-migrations-');
  for (const [name, sql] of Object.entries(migrations)) await writeMigration(dir, name, sql);
  return dir;
}

/** Writes (or overwrites) `<dir>/<name>/migration.sql`. */
export async function writeMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(join(dir, name), { recursive: true });
  await writeFile(join(dir, name, 'migration.sql'), sql);
}
