// Runs the replay engine in-process over a fixture of apps/cli/test/fixtures/replay (the same files
// the CLI test spawns the command on), against a per-file Postgres database, on a fresh account per
// run so nothing a previous run left (position_state) can leak into the next.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLogger } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import type { ReplayOrder, ReplayReport } from '@hookline/store';
import { usePerFileDatabase } from '../../../../test/support/per-file-database.js';
import { type ExitReplayOptions, runExitReplay } from '../../src/replay/exit-replay.js';

/** The scripted scenarios' folder (shared with apps/cli/test/replay-cli.test.ts). */
export const replayFixtures = new URL('../../../cli/test/fixtures/replay/', import.meta.url);

/** A fixture file's text (`<name>.ticks.csv`, `<name>.entries.csv`). */
export function fixtureText(file: string): string {
  return readFileSync(new URL(file, replayFixtures), 'utf8');
}

/** The header and the first `count` ticks of a tick fixture (the scenario stopped early). */
export function firstTicks(scenario: string, count: number): string {
  const [header, ...rows] = tickLines(scenario);
  return `${[header, ...rows.slice(0, count)].join('\n')}\n`;
}

function tickLines(scenario: string): string[] {
  return fixtureText(`${scenario}.ticks.csv`)
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** A replay's report, the account it ran on, and how long it took. */
export interface ReplayRun {
  readonly report: ReplayReport;
  readonly account: string;
  readonly wallMs: number;
}

/** The parts of an exit decision's rule_inputs the scenarios check. */
export interface ExitDecisionInputs {
  readonly rule: {
    readonly quote: { readonly bid: string };
    readonly position: { readonly heldMs: number; readonly pnlPct: string; readonly averageCost: string };
    readonly trailing: { readonly active: boolean; readonly peakPrice: string; readonly stop: string | null };
  };
  readonly completion?: { readonly outcome: string; readonly detail: string; readonly finishedAt: string };
}

/** The trailing state the sentinel stored for a position (what a restarted sentinel reads). */
export interface StoredTrailing {
  readonly active: boolean;
  readonly peak: string;
  readonly stop: string | null;
}

/** What a replay test works with. */
export interface ReplayHarness {
  /**
   * Replays `<scenario>.ticks.csv` with `<scenario>.entries.csv` under the given HOOKLINE_* keys
   * (HOOKLINE_PROTECTIVE_STOPS is `off` unless given).
   */
  replay(
    scenario: string,
    env?: Record<string, string>,
    options?: Partial<ExitReplayOptions>,
  ): Promise<ReplayRun>;
  /** What the exit decision recorded: the rule's inputs when it fired, and how the exit ended. */
  exitInputs(decisionId: string): Promise<ExitDecisionInputs>;
  /** The rule_inputs of the account's exit decisions with `reasonCode`, oldest first. */
  exitDecisionInputs(account: string, reasonCode: string): Promise<Array<Record<string, unknown>>>;
  /** The stored trailing state of the account's position on `symbol` (undefined once it closed). */
  storedTrailing(account: string, symbol: string): Promise<StoredTrailing | undefined>;
}

/** Registers the per-file database; each call of replay() runs one scenario on a fresh account. */
export function useReplayHarness(): ReplayHarness {
  const perFile = usePerFileDatabase('replay');
  const prisma = () => perFile.database().prisma;
  return {
    replay: async (scenario, env = {}, options = {}) => {
      const account = `replay-${randomBytes(5).toString('hex')}`;
      // The scenarios check the sentinel's own exits: the exchange-resident protective stop (which
      // would sell first on a gap) is off unless a scenario turns it on (replay-protective-stops).
      const config = parseConfig({
        HOOKLINE_ACCOUNT: account,
        HOOKLINE_LOG_LEVEL: 'silent',
        HOOKLINE_PROTECTIVE_STOPS: 'off',
        ...env,
      });
      const started = performance.now();
      const report = await runExitReplay({
        database: prisma(),
        ticksCsv: fixtureText(`${scenario}.ticks.csv`),
        entriesCsv: fixtureText(`${scenario}.entries.csv`),
        config,
        logger: createLogger({ level: 'silent', service: 'replay-test' }),
        ...options,
      });
      return { report, account, wallMs: Math.round(performance.now() - started) };
    },
    exitInputs: async (decisionId) => {
      const decision = await prisma().decision.findUniqueOrThrow({ where: { decisionId } });
      return decision.ruleInputs as unknown as ExitDecisionInputs;
    },
    exitDecisionInputs: async (account, reasonCode) => {
      const decisions = await prisma().decision.findMany({
        where: { account, intent: 'EXIT', reasonCode },
        orderBy: [{ createdAt: 'asc' }, { decisionId: 'asc' }],
      });
      return decisions.map((decision) => decision.ruleInputs as Record<string, unknown>);
    },
    storedTrailing: async (account, symbol) => {
      const state = await prisma().positionState.findUnique({
        where: { account_symbol: { account, symbol } },
      });
      if (state === null) return undefined;
      const stop = state.trailingStop === null ? null : state.trailingStop.toString();
      return { active: state.trailingActive, peak: state.peakPrice.toString(), stop };
    },
  };
}

/**
 * The exit orders of a report as the scenarios state them (ids, fees and times left out: whether an
 * IOC rung that settled at once is followed in the same sweep or the next one is the executor's pacing,
 * not the scenario's; the times that matter are asserted where they follow from the tick file).
 */
export function exitOrders(report: ReplayReport): Array<Partial<ReplayOrder>> {
  return report.orders
    .filter((order) => order.trigger === 'EXIT')
    .map(({ type, time_in_force, price, size, status, filled_size, exit_reason }) => ({
      type,
      time_in_force,
      price,
      size,
      status,
      filled_size,
      exit_reason,
    }));
}

/** The times of the exit orders, in order. */
export function exitOrderTimes(report: ReplayReport): string[] {
  return report.orders.filter((order) => order.trigger === 'EXIT').map((order) => order.time);
}

/** The sell fills of a report as "price × size liquidity". */
export function sellFills(report: ReplayReport): string[] {
  return report.fills
    .filter((fill) => fill.side === 'SELL')
    .map((fill) => `${fill.price} × ${fill.size} ${fill.liquidity}`);
}

/** An ISO time of the scenarios' day (they all start at 2025-03-03T10:00:00Z). */
export function at(clock: string): string {
  return `2025-03-03T${clock}.000Z`;
}
