// The emergency liquidation file through the webhook system as the service builds it, with a real
// file in a temporary folder: its appearance HALTs entries and flattens every position once
// (decisions with source "file"), the outcome is left in <file>.done, and nothing fires again.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dec } from '@hookline/core';
import { recordFills } from '@hookline/ledger-store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedFill, useApiHarness } from '../api/api-harness.js';

async function exists(path: string): Promise<boolean> {
  return await stat(path).then(
    () => true,
    () => false,
  );
}

describe('the emergency liquidation file', () => {
  const harness = useApiHarness();
  let folder = '';
  let file = '';

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'hookline-emergency-'));
    file = join(folder, 'EMERGENCY_LIQUIDATE');
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function withPosition() {
    const built = await harness({
      env: { HOOKLINE_EMERGENCY_FILE: file },
      venueBalances: { USD: dec('1000'), BTC: dec('1') },
    });
    await recordFills(built.database.prisma, [seedFill('t-btc', { size: dec('0.01'), price: dec('59000') })]);
    return built;
  }

  it('when the file appears with a reason then entries are HALTED, every position is sold EMERGENCY once with source "file", and the outcome is left in <file>.done', async () => {
    const { system, controls, database } = await withPosition();
    await writeFile(file, 'exchange account compromised\n');

    const outcome = await system.emergencyFile?.check();

    expect(outcome).toMatchObject({
      file,
      by: `file ${file}`,
      reason: 'exchange account compromised',
      tradingState: 'HALTED',
      intents: [expect.objectContaining({ symbol: 'BTC/USD', exit_reason: 'EMERGENCY', amount: '0.01' })],
      skipped: [],
    });
    const state = await controls.snapshot();
    expect(state.tradingState).toBe('HALTED');
    const decisions = await database.prisma.decision.findMany({ where: { intent: 'EXIT' } });
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      outcome: 'ORDERED',
      reasonCode: 'EMERGENCY',
      exitReason: 'EMERGENCY',
    });
    expect((decisions[0]?.ruleInputs as { rule: { operator: unknown } } | undefined)?.rule.operator).toEqual({
      by: `file ${file}`,
      reason: 'exchange account compromised',
      source: 'file',
    });
    expect(await exists(file)).toBe(false);
    expect(JSON.parse(await readFile(`${file}.done`, 'utf8'))).toEqual(JSON.parse(JSON.stringify(outcome)));
  });

  it('when the file has fired then later checks and a restarted system do nothing more', async () => {
    const { system, database } = await withPosition();
    await writeFile(file, '');
    const first = await system.emergencyFile?.check();

    const again = await system.emergencyFile?.check();

    expect(first?.reason).toBe(`emergency liquidation: ${file} appeared`);
    expect(again).toBeUndefined();
    expect(await database.prisma.decision.count({ where: { intent: 'EXIT' } })).toBe(1);
    expect(await exists(`${file}.done`)).toBe(true);
  });

  it('when two checks race for the same file then only one fires', async () => {
    const { system, database } = await withPosition();
    await writeFile(file, 'race');

    const outcomes = await Promise.all([system.emergencyFile?.check(), system.emergencyFile?.check()]);

    expect(outcomes[0]).toBe(outcomes[1]);
    expect(await database.prisma.decision.count({ where: { intent: 'EXIT' } })).toBe(1);
  });

  it('when there is no file then nothing happens and trading stays ACTIVE', async () => {
    const { system, controls, database } = await withPosition();

    expect(await system.emergencyFile?.check()).toBeUndefined();
    expect((await controls.snapshot()).tradingState).toBe('ACTIVE');
    expect(await database.prisma.decision.count()).toBe(0);
  });

  it('when the exchange refuses the balance read then the file is put back, still HALTED, and the next check sells', async () => {
    const { system, controls, database, venue } = await withPosition();
    await writeFile(file, 'storm');
    venue.exchange.faults.inject('fetchBalances', { type: 'rateLimit' });

    await expect(system.emergencyFile?.check()).rejects.toThrow(/429/);

    expect(await exists(file)).toBe(true);
    expect((await controls.snapshot()).tradingState).toBe('HALTED');
    expect(await database.prisma.decision.count({ where: { intent: 'EXIT' } })).toBe(0);
    const retried = await system.emergencyFile?.check();
    expect(retried?.intents).toEqual([expect.objectContaining({ symbol: 'BTC/USD' })]);
    expect(await exists(`${file}.done`)).toBe(true);
  });

  it('when a firing was cut short by a crash (<file>.running left behind) then the next process fires it at its first check', async () => {
    const { system, database } = await withPosition();
    await writeFile(`${file}.running`, 'interrupted');

    const outcome = await system.emergencyFile?.check();

    expect(outcome?.reason).toBe('interrupted');
    expect(await database.prisma.decision.count({ where: { intent: 'EXIT' } })).toBe(1);
    expect(await exists(`${file}.running`)).toBe(false);
  });

  it('when the service runs then the file is checked every sentinel interval without any call to the API', async () => {
    const { system, controls } = await withPosition();
    system.start();
    await writeFile(file, 'watched');

    await expect
      .poll(async () => await exists(`${file}.done`), { timeout: 10_000, interval: 100 })
      .toBe(true);
    expect((await controls.snapshot()).tradingState).toBe('HALTED');
  });
});
