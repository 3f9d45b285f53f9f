import { describe, expect, it } from 'vitest';
import { awaitRecovery, duplicateTotal, findDuplicates, settlementProblems } from './support/chaos-checks.js';
import { recordSummary, type ScenarioSummary } from './support/chaos-summary.js';
import { type SentinelSample, sampleSentinels, useReplicaSystem } from './support/replica-system.js';

const REPLICAS = 3;
const SENTINEL_INTERVAL_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SampleRound {
  readonly atMs: number;
  readonly sentinels: readonly SentinelSample[];
}

describe('chaos: three webhook replicas behind one address, one killed in mid-flow', () => {
  const system = useReplicaSystem('replicas', REPLICAS);

  it('when the sentinel leader of three replicas is killed with SIGKILL under load then every acknowledged alert is processed once, nothing is duplicated at the venue or in the ledger, and one sentinel sweeps at a time', async () => {
    const { replicas, front, venue, db, load, readToken, verifyLedger } = system();
    const rounds: SampleRound[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        rounds.push({ atMs: Date.now(), sentinels: await sampleSentinels(replicas, readToken) });
        await sleep(200);
      }
    })();

    const steady = load.steady(6, 25);
    let killed = -1;
    try {
      // Mid-flow: alerts are being accepted, queued and decided on every replica.
      while (load.acceptedAlertIds().length < 60) await sleep(100);
      const leader = await leaderNow(rounds);
      killed = leader;
      await replicas[leader]?.kill('SIGKILL');
      await sleep(6_000);
    } finally {
      await steady.stop();
    }
    const faultEndedAtMs = Date.now();
    const accepted = load.acceptedAlertIds();
    const recovery = await awaitRecovery(db, accepted, faultEndedAtMs, 90_000);
    // Another replica takes the sentinel over once the dead leader's lease expires.
    const takeoverDeadline = Date.now() + 30_000;
    while (!sweptSince(rounds, killed, faultEndedAtMs) && Date.now() < takeoverDeadline) await sleep(250);
    await sleep(2_000);
    sampling = false;
    await sampler;

    const venueFills = venue.venue.fills.map((fill) => fill.tradeId as string);
    const missingFills = await awaitFillsRecorded(db, venueFills, 60_000);
    const duplicates = await findDuplicates(db);
    const venueDuplicates = duplicatedClientOrderIds([...venue.venue.orders.values()]);
    const overlaps = rounds.filter((round) => round.sentinels.filter((s) => s.leader).length > 1);
    const sweeps = sweepTotals(rounds);
    const windowSweeps = Math.floor((sweeps.lastMs - sweeps.firstMs) / SENTINEL_INTERVAL_MS) + 3;
    const ledger = await verifyLedger();
    const answeredBy = front.answeredBy();
    const problems = [
      ...settlementProblems(recovery, 90_000),
      ...(duplicateTotal(duplicates) > 0
        ? [`duplicates in the database: ${JSON.stringify(duplicates)}`]
        : []),
      ...(venueDuplicates.length > 0
        ? [`orders placed twice at the venue: ${venueDuplicates.join(', ')}`]
        : []),
      ...(missingFills.length > 0 ? [`${missingFills.length} venue fill(s) never recorded`] : []),
      ...(overlaps.length > 0 ? [`${overlaps.length} sample(s) saw two sentinel leaders at once`] : []),
      ...(sweeps.total > windowSweeps
        ? [`${sweeps.total} sweeps in a window with room for ${windowSweeps}: two sentinels swept at once`]
        : []),
      ...(sweptSince(rounds, killed, faultEndedAtMs) ? [] : ['no surviving replica took the sentinel over']),
      ...(Object.values(answeredBy).filter((n) => n > 0).length === REPLICAS
        ? []
        : [`not every replica answered alerts: ${JSON.stringify(answeredBy)}`]),
      ...(ledger.ok ? [] : [`ledger verify failed: ${ledger.output}`]),
    ];
    const summary: ScenarioSummary = {
      scenario: 'replicas',
      acknowledged: recovery.settlement.acknowledged,
      processed: recovery.settlement.processed,
      duplicates: duplicateTotal(duplicates) + venueDuplicates.length,
      faultToRecoveryMs: recovery.recoveryMs ?? null,
      answers: load.statusCounts(),
      problems,
      details: {
        statuses: recovery.settlement.statuses,
        killedReplica: killed,
        answeredBy,
        venueOrders: venue.venue.orders.size,
        venueFills: venueFills.length,
        sweeps: sweeps.byReplica,
        sampleRounds: rounds.length,
      },
    };
    recordSummary(summary);
    expect(problems).toEqual([]);
    expect(venue.venue.orders.size).toBeGreaterThan(0);
  });
});

/** The replica that leads the sentinel now (waits up to 15 s for one). */
async function leaderNow(rounds: readonly SampleRound[]): Promise<number> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const leader = rounds.at(-1)?.sentinels.find((sample) => sample.leader);
    if (leader !== undefined) return leader.replica;
    if (Date.now() > deadline) throw new Error('no replica reported itself the sentinel leader');
    await sleep(100);
  }
}

/** True when a replica other than `killed` completed a sweep after `sinceMs`. */
function sweptSince(rounds: readonly SampleRound[], killed: number, sinceMs: number): boolean {
  const before = new Map<number, number>();
  for (const round of rounds) {
    for (const sample of round.sentinels) {
      if (sample.replica === killed) continue;
      if (round.atMs <= sinceMs) before.set(sample.replica, sample.sweeps);
      else if (sample.sweeps > (before.get(sample.replica) ?? 0)) return true;
    }
  }
  return false;
}

/** Sweeps each replica completed while it was sampled, and the sampled window. */
function sweepTotals(rounds: readonly SampleRound[]): {
  total: number;
  byReplica: Record<number, number>;
  firstMs: number;
  lastMs: number;
} {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  for (const round of rounds) {
    for (const sample of round.sentinels) {
      if (!first.has(sample.replica)) first.set(sample.replica, sample.sweeps);
      last.set(sample.replica, sample.sweeps);
    }
  }
  const byReplica: Record<number, number> = {};
  for (const [replica, sweeps] of last) byReplica[replica] = sweeps - (first.get(replica) ?? 0);
  return {
    total: Object.values(byReplica).reduce((sum, n) => sum + n, 0),
    byReplica,
    firstMs: rounds[0]?.atMs ?? 0,
    lastMs: rounds.at(-1)?.atMs ?? 0,
  };
}

/** Client order ids the venue holds more than one order for. */
function duplicatedClientOrderIds(orders: ReadonlyArray<{ clientOrderId?: string | undefined }>): string[] {
  const seen = new Map<string, number>();
  for (const order of orders) {
    if (order.clientOrderId === undefined) continue;
    seen.set(order.clientOrderId, (seen.get(order.clientOrderId) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}

/** Waits until every venue fill is in `fills` (by trade id); returns those still missing. */
async function awaitFillsRecorded(
  db: import('pg').Pool,
  tradeIds: readonly string[],
  timeoutMs: number,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<{ trade_id: string }>(
      'SELECT trade_id FROM fills WHERE trade_id = ANY($1::text[])',
      [[...tradeIds]],
    );
    const recorded = new Set(rows.map((row) => row.trade_id));
    const missing = tradeIds.filter((id) => !recorded.has(id));
    if (missing.length === 0 || Date.now() > deadline) return missing;
    await sleep(500);
  }
}
