// Prisma CLI configuration (Prisma 7 keeps the connection URL out of schema.prisma).
//
// A plain object rather than `defineConfig` from 'prisma/config': the CLI is a dependency of
// @hookline/db, not of the repository root, so that import does not resolve here; the CLI accepts
// the object as it is. Only `prisma generate` runs on the build machines (scripts/prisma-generate.sh);
// on a connected machine `DATABASE_URL=… prisma migrate deploy` reads the same migrations folder.
const databaseUrl = process.env.DATABASE_URL;

export default {
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  ...(databaseUrl ? { datasource: { url: databaseUrl } } : {}),
};
