// The operator's controls reach the risk gate: an entry alert through the real alert.process path is
// BLOCKED with the control's reason while the control is on, and ORDERED otherwise. The controls are
// the system's own (Redis, HOOKLINE_BUY_GUARD, HOOKLINE_BUY_GUARD_FILE, the reconciler's symbol flags);
// the wait for the start-up reconciliation is in startup-wait.test.ts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { buyAlertBody, useTradingHarness } from '../support/trading-harness.js';

const operator = { by: 'test', reason: 'controls test' };

describe('trading controls in the risk gate', () => {
  const harness = useTradingHarness();
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A system whose entries read its own controls, past its first reconciliation unless `held`. */
  async function controlled(env: Record<string, string> = {}, { held = false } = {}) {
    const trading = await harness({ operatorControls: true, env });
    if (!held) {
      await trading.system.reconciler.runOnce();
      expect(trading.system.reconciler.hasSucceeded()).toBe(true);
    }
    return { controls: trading.system.controls, trading };
  }

  async function decisionOf(trading: Awaited<ReturnType<typeof harness>>, alertId: string) {
    const prisma = trading.database.prisma;
    const before = await prisma.decision.count();
    const answer = await trading.post(buyAlertBody(alertId));
    expect(answer.statusCode).toBe(202);
    await eventually(async () => (await prisma.decision.count()) > before);
    return await prisma.decision.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  }

  it('when trading is HALTED then an entry alert is BLOCKED with TRADING_HALTED and no order is placed', async () => {
    const { controls, trading } = await controlled();
    await controls.setTradingState('HALTED', operator);

    const decision = await decisionOf(trading, 'halted-1');

    expect(decision).toMatchObject({ outcome: 'BLOCKED', reasonCode: 'TRADING_HALTED' });
    expect(await trading.database.prisma.tradeRecord.count()).toBe(0);
  });

  it('when trading is REDUCING then an entry alert is BLOCKED with TRADING_REDUCING', async () => {
    const { controls, trading } = await controlled();
    await controls.setTradingState('REDUCING', operator);

    expect(await decisionOf(trading, 'reducing-1')).toMatchObject({
      outcome: 'BLOCKED',
      reasonCode: 'TRADING_REDUCING',
    });
  });

  it('when the env buy guard is on then an entry is BLOCKED with BUY_GUARD_ACTIVE set by env', async () => {
    const { trading } = await controlled({ HOOKLINE_BUY_GUARD: 'true' });

    const decision = await decisionOf(trading, 'env-1');

    expect(decision).toMatchObject({ outcome: 'BLOCKED', reasonCode: 'BUY_GUARD_ACTIVE' });
    expect(decision.ruleInputs).toMatchObject({ risk: expect.anything() });
    expect(JSON.stringify(decision.ruleInputs)).toContain('"activeBy":["env"]');
  });

  it('when the guard file exists then entries are BLOCKED, and once it is removed they are ORDERED again', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'hookline-guard-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const file = join(folder, 'buy-guard');
    const { trading } = await controlled({ HOOKLINE_BUY_GUARD_FILE: file });
    await writeFile(file, '');

    const blocked = await decisionOf(trading, 'file-1');
    await rm(file);
    const ordered = await decisionOf(trading, 'file-2');

    expect(blocked).toMatchObject({ outcome: 'BLOCKED', reasonCode: 'BUY_GUARD_ACTIVE' });
    expect(JSON.stringify(blocked.ruleInputs)).toContain('"activeBy":["file"]');
    expect(ordered).toMatchObject({ outcome: 'ORDERED' });
  });

  it('when the API buy guard is on then entries are BLOCKED, and another replica on the same prefix sees it', async () => {
    const { controls, trading } = await controlled();
    const replica = await trading.restart(); // another system on the same prefix
    await controls.setApiBuyGuard(true, operator);

    const decision = await decisionOf(trading, 'api-1');

    expect(decision).toMatchObject({ outcome: 'BLOCKED', reasonCode: 'BUY_GUARD_ACTIVE' });
    expect(JSON.stringify(decision.ruleInputs)).toContain('"activeBy":["api"]');
    expect((await replica.controls.snapshot()).buyGuard).toMatchObject({
      api: true,
      apiChange: { by: 'test' },
    });
  });

  it('when the reconciler flags a symbol then its entries are BLOCKED until an operator clears the flags', async () => {
    const { controls, trading } = await controlled();
    await controls.markSymbolReducing('BTC/USD', 'zombie: ledger holds 0.1 BTC, exchange 0');

    const flagged = await decisionOf(trading, 'zombie-1');
    expect((await controls.snapshot()).reducingSymbols).toEqual({
      'BTC/USD': 'zombie: ledger holds 0.1 BTC, exchange 0',
    });
    await controls.clearReducingSymbols(operator);
    const cleared = await decisionOf(trading, 'zombie-2');

    expect(flagged).toMatchObject({ outcome: 'BLOCKED', reasonCode: 'TRADING_REDUCING' });
    expect(cleared).toMatchObject({ outcome: 'ORDERED' });
  });
});
