import type { SqlExecutor } from './sql/sql-executor.js';

// Each query yields one `line` per object of the current schema, in a form that does not depend on
// how the object was created (CREATE TABLE vs ALTER TABLE ADD ...). Column order is left out on
// purpose: a migration appends a new column at the end while a fresh CREATE TABLE puts it where
// the model declares it, and Prisma does not treat that as a difference either.
const catalogQueries: readonly string[] = [
  `SELECT 'table ' || c.relname || ' (' || c.relkind::text || ')' AS line
   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,

  `SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
     || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
     || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
     || CASE WHEN a.attidentity <> '' THEN ' IDENTITY ' || a.attidentity::text ELSE '' END
     || CASE WHEN a.attgenerated <> '' THEN ' GENERATED ' || a.attgenerated::text ELSE '' END AS line
   FROM pg_attribute a
   JOIN pg_class c ON c.oid = a.attrelid
   JOIN pg_namespace n ON n.oid = c.relnamespace
   LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
     AND a.attnum > 0 AND NOT a.attisdropped`,

  // Values as a sorted set: Prisma's migration for a new enum value appends it (ALTER TYPE ... ADD
  // VALUE), wherever the schema lists it, and Prisma's own drift detection ignores the order.
  `SELECT 'enum ' || t.typname || ' (' || string_agg(e.enumlabel, ', ' ORDER BY e.enumlabel COLLATE "C") || ')' AS line
   FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
   WHERE n.nspname = current_schema() GROUP BY t.typname`,

  `SELECT 'index ' || indexname || ': ' || indexdef AS line FROM pg_indexes WHERE schemaname = current_schema()`,

  // NOT NULL constraints (contype 'n', PostgreSQL 18 and PGlite) repeat the columns' nullability,
  // under names that a column rename would make differ.
  `SELECT 'constraint ' || c.relname || '.' || k.conname || ': ' || pg_get_constraintdef(k.oid) AS line
   FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = current_schema() AND k.contype <> 'n'`,

  `SELECT 'sequence ' || sequencename || ' ' || data_type::text || ' start ' || start_value
     || ' increment ' || increment_by AS line
   FROM pg_sequences WHERE schemaname = current_schema()`,

  `SELECT 'view ' || viewname || ': ' || definition AS line FROM pg_views WHERE schemaname = current_schema()`,

  `SELECT 'trigger ' || c.relname || '.' || t.tgname || ': ' || pg_get_triggerdef(t.oid) AS line
   FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = current_schema() AND NOT t.tgisinternal`,

  `SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || '): '
     || md5(pg_get_functiondef(p.oid)) AS line
   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE n.nspname = current_schema() AND p.prokind IN ('f', 'p')`,
];

/** Objects that belong to the migration tooling, not to the application's schema. */
const toolingObject = /\b_prisma_migrations\b/;

/**
 * The current schema's catalog as sorted, normalized lines: tables, columns (type, nullability,
 * default), enums and their values, indexes, constraints (primary, unique, foreign, check), sequences,
 * views, triggers and functions. Two databases with equal snapshots have the same schema.
 */
export async function snapshotCatalog(executor: SqlExecutor): Promise<string[]> {
  const lines: string[] = [];
  for (const query of catalogQueries) {
    const rows = await executor.query<{ line: string | null }>(query);
    for (const row of rows) if (row.line && !toolingObject.test(row.line)) lines.push(normalize(row.line));
  }
  return lines.sort();
}

function normalize(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}
