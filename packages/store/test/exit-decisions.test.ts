import { describe, expect, it } from 'vitest';
import { usePerFileDatabase } from '../../../test/support/per-file-database.js';
import {
  completeExitDecision,
  type ExitDecisionWrite,
  readActiveExitDecisions,
  readExitDecision,
  storeOf,
  writeExitDecision,
  writeExitDecisions,
} from '../src/index.js';

const ACCOUNT = 'acct-exits';
const T0 = new Date('2024-05-01T12:00:00.000Z');

/** An ORDERED exit decision with a plan, as the exit executor writes it. */
function ordered(symbol: string, createdAt: Date, extra: Partial<ExitDecisionWrite> = {}): ExitDecisionWrite {
  return {
    account: ACCOUNT,
    symbol,
    outcome: 'ORDERED',
    reasonCode: 'SOFT_STOP',
    exitReason: 'SOFT_STOP',
    ruleInputs: { exit: { reason: 'SOFT_STOP', amount: '0.01' } },
    createdAt,
    ...extra,
  };
}

function at(offsetMs: number): Date {
  return new Date(T0.getTime() + offsetMs);
}

describe('the exit decisions in the store', () => {
  const perFile = usePerFileDatabase('store_exit_decisions');
  const store = () => storeOf(perFile.database());

  it('when an exit decision is written then it is a SELL EXIT decision with its columns, returned with the domain side', async () => {
    const written = await writeExitDecision(store(), ordered('BTC/USD', T0));

    expect(written).toMatchObject({
      account: ACCOUNT,
      symbol: 'BTC/USD',
      side: 'sell',
      intent: 'EXIT',
      outcome: 'ORDERED',
      reasonCode: 'SOFT_STOP',
      exitReason: 'SOFT_STOP',
      ruleInputs: { exit: { reason: 'SOFT_STOP', amount: '0.01' } },
      createdAt: T0,
    });
    const row = await perFile.database().prisma.decision.findUniqueOrThrow({
      where: { decisionId: written.decisionId },
    });
    expect(row.side).toBe('SELL');
  });

  it('when several skipped exits are written at once then every one is stored and the count returned', async () => {
    const skipped = (symbol: string): ExitDecisionWrite => ({
      account: ACCOUNT,
      symbol,
      outcome: 'SKIPPED',
      reasonCode: 'STALE_DATA',
      exitReason: null,
      ruleInputs: { problem: 'QUOTE_TOO_OLD', wouldExit: null },
      createdAt: T0,
    });

    const count = await writeExitDecisions(store(), [skipped('BTC/USD'), skipped('ETH/USD')]);

    expect(count).toBe(2);
    const rows = await perFile.database().prisma.decision.findMany({ orderBy: { symbol: 'asc' } });
    expect(rows.map((row) => [row.symbol, row.side, row.intent, row.outcome, row.exitReason])).toEqual([
      ['BTC/USD', 'SELL', 'EXIT', 'SKIPPED', null],
      ['ETH/USD', 'SELL', 'EXIT', 'SKIPPED', null],
    ]);
  });

  it('when exits are read then only the ordered ones with a plan and no completion of the account come back, oldest first', async () => {
    const later = await writeExitDecision(store(), ordered('ETH/USD', at(2_000)));
    const earlier = await writeExitDecision(store(), ordered('BTC/USD', at(1_000)));
    const finished = await writeExitDecision(store(), ordered('SOL/USD', at(500)));
    await completeExitDecision(store(), finished.decisionId, { outcome: 'SOLD', detail: 'all sold' });
    await writeExitDecision(store(), ordered('ADA/USD', at(0), { ruleInputs: { test: true } })); // no plan
    await writeExitDecision(store(), ordered('XRP/USD', at(0), { outcome: 'SKIPPED', reasonCode: 'DUST' }));
    await writeExitDecision(store(), ordered('BTC/USD', at(0), { account: 'another-account' }));

    const active = await readActiveExitDecisions(store(), ACCOUNT);

    expect(active.map((decision) => decision.decisionId)).toEqual([earlier.decisionId, later.decisionId]);
  });

  it('when exits are read for one symbol then only that symbol comes back', async () => {
    await writeExitDecision(store(), ordered('ETH/USD', at(0)));
    const btc = await writeExitDecision(store(), ordered('BTC/USD', at(1_000)));

    const active = await readActiveExitDecisions(store(), ACCOUNT, 'BTC/USD');

    expect(active.map((decision) => decision.decisionId)).toEqual([btc.decisionId]);
    expect(await readActiveExitDecisions(store(), ACCOUNT, 'SOL/USD')).toEqual([]);
  });

  it('when an exit is completed twice then the first completion stays and only the first call reports it', async () => {
    const decision = await writeExitDecision(store(), ordered('BTC/USD', T0));

    const first = await completeExitDecision(store(), decision.decisionId, {
      outcome: 'SOLD',
      detail: 'first',
    });
    const second = await completeExitDecision(store(), decision.decisionId, {
      outcome: 'DUST',
      detail: 'second',
    });

    expect([first, second]).toEqual([true, false]);
    const stored = await readExitDecision(store(), decision.decisionId);
    expect(stored.ruleInputs).toEqual({
      exit: { reason: 'SOFT_STOP', amount: '0.01' },
      completion: { outcome: 'SOLD', detail: 'first' },
    });
  });

  it('when a decision that does not exist is read then it throws', async () => {
    await expect(readExitDecision(store(), '00000000-0000-7000-8000-000000000000')).rejects.toThrow();
  });
});
