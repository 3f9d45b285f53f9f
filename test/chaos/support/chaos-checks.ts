// The checks every chaos scenario ends with. Each returns numbers (for the scenario's summary line) and
// problems (sentences saying what is wrong, with the numbers); a scenario passes when there is none.
import { existsSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import type pg from 'pg';

/** Where the accepted alerts stand. */
export interface Settlement {
  readonly acknowledged: number;
  /** Answered 202 and now not ACCEPTED, with exactly one decision. */
  readonly processed: number;
  readonly stillAccepted: number;
  /** Not ACCEPTED any more but without a decision (a FAILED alert, typically). */
  readonly withoutDecision: number;
  readonly withSeveralDecisions: number;
  /** Answered 202 but no row: the answer lied. */
  readonly missing: number;
  /** Alert statuses of the acknowledged alerts. */
  readonly statuses: Readonly<Record<string, number>>;
}

/** Reads where the alerts answered 202 stand now. */
export async function readSettlement(db: pg.Pool, alertIds: readonly string[]): Promise<Settlement> {
  const { rows } = await db.query<{ id: string; status: string; decisions: number }>(
    `SELECT a.id, a.status::text AS status, count(d.decision_id)::int AS decisions
       FROM alerts a LEFT JOIN decisions d ON d.alert_id = a.id
      WHERE a.id = ANY($1::text[])
      GROUP BY a.id, a.status`,
    [[...alertIds]],
  );
  const statuses: Record<string, number> = {};
  for (const row of rows) statuses[row.status] = (statuses[row.status] ?? 0) + 1;
  const notAccepted = rows.filter((row) => row.status !== 'ACCEPTED');
  return {
    acknowledged: alertIds.length,
    processed: notAccepted.filter((row) => row.decisions === 1).length,
    stillAccepted: rows.length - notAccepted.length,
    withoutDecision: notAccepted.filter((row) => row.decisions === 0).length,
    withSeveralDecisions: rows.filter((row) => row.decisions > 1).length,
    missing: new Set(alertIds).size - rows.length,
    statuses,
  };
}

/** The outcome of waiting for every accepted alert to be processed. */
export interface Recovery {
  readonly settlement: Settlement;
  /** From the end of the fault until every alert was processed; undefined when it never was. */
  readonly recoveryMs: number | undefined;
}

/**
 * Polls until every acknowledged alert is processed or `timeoutMs` after the fault ended passes.
 * The time is measured from `faultEndedAtMs` (the moment the outage was over / the process was back).
 */
export async function awaitRecovery(
  db: pg.Pool,
  alertIds: readonly string[],
  faultEndedAtMs: number,
  timeoutMs: number,
): Promise<Recovery> {
  const deadline = faultEndedAtMs + timeoutMs;
  for (;;) {
    const settlement = await readSettlement(db, alertIds);
    if (settlement.processed === settlement.acknowledged) {
      return { settlement, recoveryMs: Math.max(0, Date.now() - faultEndedAtMs) };
    }
    if (Date.now() > deadline) return { settlement, recoveryMs: undefined };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Sentences for what is wrong with a settlement (empty when every alert was processed). */
export function settlementProblems(recovery: Recovery, timeoutMs: number): string[] {
  const s = recovery.settlement;
  const problems: string[] = [];
  const within = `${Math.round(timeoutMs / 1000)} s after the fault ended`;
  if (s.missing > 0) problems.push(`${s.missing} alert(s) answered 202 have no row in alerts`);
  if (s.stillAccepted > 0)
    problems.push(`${s.stillAccepted} of ${s.acknowledged} alert(s) answered 202 still ACCEPTED ${within}`);
  if (s.withoutDecision > 0)
    problems.push(
      `${s.withoutDecision} alert(s) answered 202 ended without a decision (statuses ${JSON.stringify(s.statuses)})`,
    );
  if (s.withSeveralDecisions > 0)
    problems.push(`${s.withSeveralDecisions} alert(s) have more than one decision`);
  return problems;
}

/** Rows that exist twice where they must exist once. */
export interface Duplicates {
  /** trade_records sharing a client order id. */
  readonly orders: number;
  /** Entry decisions with more than one order. */
  readonly entryOrders: number;
  /** Alerts with more than one decision. */
  readonly decisions: number;
  /** fills sharing an exchange trade id. */
  readonly fills: number;
}

const DUPLICATE_QUERIES: Record<keyof Duplicates, string> = {
  orders: `SELECT client_order_id FROM trade_records GROUP BY client_order_id HAVING count(*) > 1`,
  entryOrders: `SELECT tr.decision_id FROM trade_records tr JOIN decisions d ON d.decision_id = tr.decision_id
                 WHERE d.intent = 'ENTRY' GROUP BY tr.decision_id HAVING count(*) > 1`,
  decisions: `SELECT alert_id FROM decisions WHERE alert_id IS NOT NULL GROUP BY alert_id HAVING count(*) > 1`,
  fills: `SELECT trade_id FROM fills GROUP BY account, exchange, trade_id HAVING count(*) > 1`,
};

/** Counts duplicated orders, decisions and fills in the whole database. */
export async function findDuplicates(db: pg.Pool): Promise<Duplicates> {
  const counts = await Promise.all(
    Object.entries(DUPLICATE_QUERIES).map(async ([name, query]) => {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${query}) AS d`);
      return [name, rows[0]?.n ?? 0] as const;
    }),
  );
  return Object.fromEntries(counts) as unknown as Duplicates;
}

/** The total of every kind of duplicate. */
export function duplicateTotal(duplicates: Duplicates): number {
  return duplicates.orders + duplicates.entryOrders + duplicates.decisions + duplicates.fills;
}

/** One place a secret was found. */
export interface SecretLeak {
  readonly secret: string;
  readonly where: string;
}

/** Where Hookline could have written a secret. */
export interface SecretScanTargets {
  readonly secrets: Readonly<Record<string, string>>;
  readonly logFile: string;
  readonly db: pg.Pool;
  readonly redisUrl: string;
}

/** Looks for every secret in the captured log, in every text/json column of the database and in Redis. */
export async function findSecretLeaks(targets: SecretScanTargets): Promise<SecretLeak[]> {
  const leaks: SecretLeak[] = [];
  const named = Object.entries(targets.secrets);
  const log = existsSync(targets.logFile) ? readFileSync(targets.logFile, 'utf8') : '';
  for (const [name, secret] of named) {
    const lines = log.split('\n').filter((line) => line.includes(secret)).length;
    if (lines > 0) leaks.push({ secret: name, where: `the log (${lines} line(s))` });
  }
  for (const leak of await scanDatabase(targets.db, named)) leaks.push(leak);
  for (const leak of await scanRedis(targets.redisUrl, named)) leaks.push(leak);
  return leaks;
}

async function scanDatabase(db: pg.Pool, secrets: ReadonlyArray<readonly [string, string]>) {
  const { rows: columns } = await db.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
      ORDER BY 1, 2`,
  );
  const leaks: SecretLeak[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    for (const [name, secret] of secrets) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table}" WHERE strpos("${column}"::text, $1) > 0`,
        [secret],
      );
      const n = rows[0]?.n ?? 0;
      if (n > 0) leaks.push({ secret: name, where: `database ${table}.${column} (${n} row(s))` });
    }
  }
  return leaks;
}

async function scanRedis(url: string, secrets: ReadonlyArray<readonly [string, string]>) {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  redis.on('error', () => {}); // a failure surfaces as the rejected command below
  const leaks: SecretLeak[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const text = `${key}\n${await redisValueText(redis, key)}`;
        for (const [name, secret] of secrets) {
          if (text.includes(secret)) leaks.push({ secret: name, where: `redis key ${key}` });
        }
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return leaks;
}

/** A key's whole value as text, whatever its type. */
async function redisValueText(redis: Redis, key: string): Promise<string> {
  switch (await redis.type(key)) {
    case 'string':
      return (await redis.get(key)) ?? '';
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'list':
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case 'set':
      return JSON.stringify(await redis.smembers(key));
    case 'zset':
      return JSON.stringify(await redis.zrange(key, '0', '-1', 'WITHSCORES'));
    case 'stream':
      return JSON.stringify(await redis.xrange(key, '-', '+'));
    default:
      return '';
  }
}
