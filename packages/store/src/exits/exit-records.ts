// Table exits: the record of each exit the exit executor started, one row per exit (its id is the
// exit's decision id). The executor writes the row when the exit starts and closes it when it ends;
// what the exit did — its orders, filled amount, average price, fees and realised P&L — is read from
// its trade_records, their fills and the fills' FIFO allocations by the queries here, never copied,
// so a fill the reconciler finds after the exit ended still counts.
import type { ExitReason } from '@hookline/core';
import { type ExitTrigger, Prisma } from '@hookline/db';
import { type FillRecord, type OrderRecord, toFillRecord, toOrderRecord } from '../records.js';
import { clientOf, type Store } from '../store.js';

export type { ExitTrigger } from '@hookline/db';

/** The row written when an exit starts. */
export interface ExitStartWrite {
  /** The exit's decision id. */
  readonly id: string;
  readonly account: string;
  readonly symbol: string;
  readonly trigger: ExitTrigger;
  readonly exitReason: ExitReason;
  /** Plain JSON: the inputs of the rule (or request) that asked for the exit. */
  readonly ruleInputs: Readonly<Record<string, unknown>>;
  /** The bid at the start (decimal text), or null when there was none. */
  readonly referencePrice: string | null;
  /** What the exit sets out to sell (decimal text). */
  readonly targetAmount: string;
  readonly startedAt: Date;
}

/** How an exit ended. */
export interface ExitFinishWrite {
  readonly outcome: string;
  readonly detail: string;
  readonly finishedAt: Date;
}

/** Writes the exit's row; a second write of the same exit changes nothing. True when written now. */
export async function recordExitStart(store: Store, exit: ExitStartWrite): Promise<boolean> {
  const written = await clientOf(store).exit.createMany({
    data: [
      {
        id: exit.id,
        account: exit.account,
        symbol: exit.symbol,
        trigger: exit.trigger,
        exitReason: exit.exitReason,
        ruleInputs: exit.ruleInputs as Prisma.InputJsonObject,
        referencePrice: exit.referencePrice,
        targetAmount: exit.targetAmount,
        startedAt: exit.startedAt,
      },
    ],
    skipDuplicates: true,
  });
  return written.count === 1;
}

/**
 * Closes the exit's row (idempotent: the first finish stays). False when there is no open row of
 * that id (none was written, or it is closed already).
 */
export async function recordExitFinish(store: Store, id: string, finish: ExitFinishWrite): Promise<boolean> {
  const updated = await clientOf(store).exit.updateMany({
    where: { id, finishedAt: null },
    data: { outcome: finish.outcome, detail: finish.detail, finishedAt: finish.finishedAt },
  });
  return updated.count === 1;
}

/** One exit with what its orders and fills add up to. Decimals are plain strings. */
export interface ExitView {
  readonly id: string;
  readonly account: string;
  readonly symbol: string;
  readonly trigger: ExitTrigger;
  readonly exitReason: ExitReason;
  readonly ruleInputs: unknown;
  readonly referencePrice: string | null;
  readonly targetAmount: string;
  readonly outcome: string;
  readonly detail: string | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  /** How many orders the exit placed. */
  readonly orders: number;
  /** Σ fill size over the exit's fills. */
  readonly filledAmount: string;
  /** Volume-weighted fill price; null while nothing filled. */
  readonly averagePrice: string | null;
  /** Σ fee_usd of its fills (a fee that could not be valued counts 0, as in the ledger). */
  readonly feesUsd: string;
  /** Σ pnl_usd of the FIFO allocations of its fills (net of fees, as the ledger computes it). */
  readonly realizedPnlUsd: string;
}

/** One exit with its orders and fills. */
export interface ExitDetail extends ExitView {
  readonly orderRows: readonly OrderRecord[];
  readonly fills: readonly FillRecord[];
}

/** Which exits to list; every filter is optional. */
export interface ExitListQuery {
  readonly account?: string | undefined;
  readonly symbol?: string | undefined;
  readonly exitReason?: ExitReason | undefined;
  readonly outcome?: string | undefined;
  /** Only exits older than this id (the previous page's last one; ids are UUIDv7, time-ordered). */
  readonly before?: string | undefined;
  readonly limit: number;
}

interface ExitViewRow {
  id: string;
  account: string;
  symbol: string;
  trigger: ExitTrigger;
  exit_reason: ExitReason;
  rule_inputs: unknown;
  reference_price: string | null;
  target_amount: string;
  outcome: string;
  detail: string | null;
  started_at: Date;
  finished_at: Date | null;
  orders: number;
  filled_amount: string;
  average_price: string | null;
  fees_usd: string;
  realized_pnl_usd: string;
}

/** The exits matching every given filter, newest first, `limit` at most. */
export async function listExits(store: Store, query: ExitListQuery): Promise<ExitView[]> {
  const conditions = [Prisma.sql`TRUE`];
  if (query.account !== undefined) conditions.push(Prisma.sql`e.account = ${query.account}`);
  if (query.symbol !== undefined) conditions.push(Prisma.sql`e.symbol = ${query.symbol}`);
  if (query.exitReason !== undefined)
    conditions.push(Prisma.sql`e.exit_reason = ${query.exitReason}::exit_reason`);
  if (query.outcome !== undefined) conditions.push(Prisma.sql`e.outcome = ${query.outcome}`);
  if (query.before !== undefined) conditions.push(Prisma.sql`e.id < ${query.before}`);
  const rows = await selectExits(store, Prisma.join(conditions, ' AND '), query.limit);
  return rows.map(viewOf);
}

/** One exit with its orders (by attempt) and fills (execution order); undefined when there is none. */
export async function readExit(store: Store, id: string): Promise<ExitDetail | undefined> {
  const [row] = await selectExits(store, Prisma.sql`e.id = ${id}`, 1);
  if (row === undefined) return undefined;
  const prisma = clientOf(store);
  const orders = await prisma.tradeRecord.findMany({
    where: { decisionId: id },
    orderBy: [{ orderTime: 'asc' }, { createdAt: 'asc' }],
  });
  const fills = await prisma.fill.findMany({
    where: { tradeRecordId: { in: orders.map((order) => order.id) } },
    orderBy: [{ executedAt: 'asc' }, { arrivalSeq: 'asc' }],
  });
  return { ...viewOf(row), orderRows: orders.map(toOrderRecord), fills: fills.map(toFillRecord) };
}

async function selectExits(store: Store, where: Prisma.Sql, limit: number): Promise<ExitViewRow[]> {
  return await clientOf(store).$queryRaw<ExitViewRow[]>`
    SELECT e.id, e.account, e.symbol, e.trigger, e.exit_reason, e.rule_inputs,
           trim_scale(e.reference_price)::text AS reference_price,
           trim_scale(e.target_amount)::text AS target_amount,
           e.outcome, e.detail, e.started_at, e.finished_at,
           (SELECT count(*)::int FROM trade_records t WHERE t.decision_id = e.id) AS orders,
           trim_scale(f.filled)::text AS filled_amount,
           CASE WHEN f.filled = 0 THEN NULL ELSE trim_scale(f.notional / f.filled)::text END AS average_price,
           trim_scale(f.fees)::text AS fees_usd,
           trim_scale(COALESCE((SELECT sum(a.pnl_usd) FROM fifo_allocations a
                     WHERE a.sell_fill_id = ANY(f.fill_ids)), 0))::text AS realized_pnl_usd
    FROM exits e
    CROSS JOIN LATERAL (
      SELECT COALESCE(sum(fl.size), 0) AS filled,
             COALESCE(sum(fl.size * fl.price), 0) AS notional,
             COALESCE(sum(fl.fee_usd), 0) AS fees,
             COALESCE(array_agg(fl.id) FILTER (WHERE fl.id IS NOT NULL), '{}') AS fill_ids
      FROM trade_records t JOIN fills fl ON fl.trade_record_id = t.id
      WHERE t.decision_id = e.id
    ) f
    WHERE ${where}
    ORDER BY e.id DESC
    LIMIT ${limit}`;
}

function viewOf(row: ExitViewRow): ExitView {
  return {
    id: row.id,
    account: row.account,
    symbol: row.symbol,
    trigger: row.trigger,
    exitReason: row.exit_reason,
    ruleInputs: row.rule_inputs,
    referencePrice: row.reference_price,
    targetAmount: row.target_amount,
    outcome: row.outcome,
    detail: row.detail,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    orders: row.orders,
    filledAmount: row.filled_amount,
    averagePrice: row.average_price,
    feesUsd: row.fees_usd,
    realizedPnlUsd: row.realized_pnl_usd,
  };
}
