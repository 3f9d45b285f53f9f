// The position cap (docs/architecture.md, "Position cap"): while open positions — the ledger's and the
// exchange's (cap-holdings.ts), dust and HODL excluded — exceed HOOKLINE_MAX_OPEN_POSITIONS, sell the
// smallest excess of the ledger's positions (by value at the bid), wait, look again (the next sweeps
// re-read the ledger and the balances), up to three cycles; still above → HALT trading with a message
// for the operator and a POSITION_CAP_UNRESOLVED decision. The wait is clock-based: a sweep never
// sleeps, it remembers when it sold and checks on a later one. The phase is kept in the sentinel's
// memory (sentinel_memory, kind CAP_PHASE): a restart or a lease hand-over continues at its cycle.
import type { Clock } from '@hookline/core';
import { toPlainString } from '@hookline/core';
import type { Balances, Market } from '@hookline/exchange';
import { type Store, writeExitDecision } from '@hookline/store';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { TradingEvents } from '../notify/event-publisher.js';
import { capHaltedEvent } from '../notify/trading-event.js';
import type { RuleInputs } from '../rules/index.js';
import { type CapHolding, type CapPosition, capHoldings, holdingInputs } from './cap-holdings.js';
import type { StartExitResult } from './executor/exit-executor.js';
import type { PositionCapSettings } from './exit-settings.js';
import type { SentinelControls } from './sentinel/sentinel-ports.js';
import { ACCOUNT_WIDE, type SentinelMemory } from './sentinel-memory.js';

export type { CapPosition } from './cap-holdings.js';

/** Starts a CAP_ENFORCEMENT exit (the sweep's path, so dust flags are kept). */
export type CapSell = (position: CapPosition, inputs: RuleInputs) => Promise<StartExitResult | undefined>;

/** What the cap did this sweep. */
export type CapOutcome = 'WITHIN_CAP' | 'SOLD' | 'WAITING' | 'HALTED' | 'HALTED_ALREADY' | 'NOTHING_TO_SELL';

/** What the cap needs. */
export interface PositionCapOptions {
  readonly settings: PositionCapSettings;
  readonly store: Store;
  readonly account: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly controls: SentinelControls;
  /** The exchange's balances: read at every look (what the exchange holds counts too). */
  readonly balances: () => Promise<Balances>;
  /** Where the phase is kept across sweeps, restarts and lease hand-overs. */
  readonly memory: SentinelMemory;
  /** Currencies held as cash, never a position. */
  readonly cashCurrencies: readonly string[];
  /** Base assets never sold automatically (upper case). */
  readonly hodlAssets: ReadonlySet<string>;
  /** Where a HALT is told (default: nowhere). */
  readonly events?: TradingEvents;
}

const phaseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('IDLE') }),
  z.object({
    kind: z.literal('WAITING'),
    cycle: z.number().int().min(1),
    soldAtMs: z.number(),
    sold: z.array(z.string()),
  }),
  z.object({ kind: z.literal('HALTED') }),
]);

type CapPhase = z.infer<typeof phaseSchema>;

/** A cap sell still working after this many waits no longer holds the next cycle back. */
const MAX_WAITS_FOR_WORKING_EXITS = 10;

/** Enforces the cap across sweeps. */
export class PositionCap {
  readonly #options: PositionCapOptions;

  constructor(options: PositionCapOptions) {
    this.#options = options;
  }

  /** The cycle the cap is in (0 when within the cap). */
  get cycle(): number {
    const phase = this.#phase;
    return phase.kind === 'WAITING' ? phase.cycle : 0;
  }

  // A stored phase that does not parse (an older layout) is no phase: the cap starts at cycle one.
  get #phase(): CapPhase {
    const parsed = phaseSchema.safeParse(this.#options.memory.get('CAP_PHASE', ACCOUNT_WIDE));
    return parsed.success ? parsed.data : { kind: 'IDLE' };
  }

  set #phase(phase: CapPhase) {
    if (phase.kind === 'IDLE') this.#options.memory.delete('CAP_PHASE', ACCOUNT_WIDE);
    else this.#options.memory.set('CAP_PHASE', ACCOUNT_WIDE, phase);
  }

  /** One look at the ledger's positions of a completed sweep and the exchange's balances. */
  async enforce(
    positions: readonly CapPosition[],
    sell: CapSell,
    markets: readonly Market[] = [],
  ): Promise<CapOutcome> {
    const { maxOpenPositions } = this.#options.settings;
    const holdings = capHoldings({
      positions,
      balances: await this.#readBalances(),
      markets,
      cashCurrencies: this.#options.cashCurrencies,
      hodlAssets: this.#options.hodlAssets,
    });
    const counted = holdings.filter((holding) => holding.notCounted === undefined);
    if (counted.length <= maxOpenPositions) {
      this.#phase = { kind: 'IDLE' };
      return 'WITHIN_CAP';
    }
    const tradingState = (await this.#options.controls.riskControls()).tradingState;
    if (this.#phase.kind === 'HALTED') {
      if (tradingState === 'HALTED') return 'HALTED_ALREADY';
      this.#phase = { kind: 'IDLE' }; // the operator resumed: start over
    }
    // Halted by someone else before the cap acted: selling is refused anyway, and the operator knows.
    const phase = this.#phase;
    if (phase.kind === 'IDLE' && tradingState === 'HALTED') return 'HALTED_ALREADY';
    if (phase.kind === 'WAITING' && !this.#waitIsOver(phase, positions)) return 'WAITING';
    const cycle = phase.kind === 'WAITING' ? phase.cycle : 0;
    if (cycle >= this.#options.settings.maxCycles) {
      await this.#halt(holdings, counted, cycle);
      return 'HALTED';
    }
    return await this.#sellExcess(holdings, counted, cycle + 1, sell);
  }

  async #readBalances(): Promise<Balances | undefined> {
    try {
      return await this.#options.balances();
    } catch (error) {
      this.#options.logger.warn({ err: error }, 'position cap: balances not read; counting the ledger only');
      return undefined;
    }
  }

  #waitIsOver(phase: Extract<CapPhase, { kind: 'WAITING' }>, positions: readonly CapPosition[]): boolean {
    const waitedMs = this.#options.clock.nowMs() - phase.soldAtMs;
    const { waitMs } = this.#options.settings;
    if (waitedMs < waitMs) return false;
    const stillSelling = positions.some(
      (position) => position.exiting && phase.sold.includes(position.symbol),
    );
    return !stillSelling || waitedMs >= Math.max(waitMs, 1) * MAX_WAITS_FOR_WORKING_EXITS;
  }

  async #sellExcess(
    holdings: readonly CapHolding[],
    counted: readonly CapHolding[],
    cycle: number,
    sell: CapSell,
  ): Promise<CapOutcome> {
    const { maxOpenPositions } = this.#options.settings;
    const leaving = counted.filter((holding) => holding.sellable?.exiting === true).length;
    const excess = counted.length - leaving - maxOpenPositions;
    const smallest = counted
      .flatMap((holding) => {
        const position = holding.sellable;
        if (position === undefined || position.exiting || position.bid === undefined) return [];
        return [{ holding, position, value: position.amount.times(position.bid) }];
      })
      .sort((left, right) => left.value.comparedTo(right.value))
      .slice(0, Math.max(excess, 0));
    this.#phase = {
      kind: 'WAITING',
      cycle,
      soldAtMs: this.#options.clock.nowMs(),
      sold: smallest.map(({ position }) => position.symbol),
    };
    if (smallest.length === 0) {
      this.#options.logger.warn(
        { cycle, openPositions: counted.length, maxOpenPositions, holdings: holdings.map(holdingInputs) },
        'position cap exceeded: nothing the cap may sell',
      );
      return 'NOTHING_TO_SELL';
    }
    for (const { holding, position, value } of smallest) {
      const inputs = {
        openPositions: counted.length,
        maxOpenPositions,
        cycle,
        valueAtBid: toPlainString(value),
        ...holdingInputs(holding),
        ...countInputs(holdings),
      };
      this.#options.logger.warn(
        { symbol: position.symbol, ...inputs },
        'position cap exceeded: selling the smallest',
      );
      await sell(position, inputs);
    }
    return 'SOLD';
  }

  async #halt(
    holdings: readonly CapHolding[],
    counted: readonly CapHolding[],
    cycles: number,
  ): Promise<void> {
    const { maxOpenPositions } = this.#options.settings;
    const exchangeOnly = counted.filter((holding) => holding.source === 'EXCHANGE').map((h) => h.symbol);
    const message =
      `open positions (${counted.length}) stayed above the cap (${maxOpenPositions}) after ${cycles} sell cycles: ` +
      'check the exchange for positions Hookline cannot sell (HODL, dust, balances held elsewhere' +
      (exchangeOnly.length === 0 ? '' : `; not in the ledger: ${exchangeOnly.join(', ')}`) +
      '), then POST /api/admin/resume';
    const positions = counted.map(holdingInputs);
    await this.#options.controls.setTradingState('HALTED', { by: 'sentinel', reason: message });
    await writeExitDecision(this.#options.store, {
      account: this.#options.account,
      symbol: '*',
      outcome: 'BLOCKED',
      reasonCode: 'POSITION_CAP_UNRESOLVED',
      exitReason: 'CAP_ENFORCEMENT',
      ruleInputs: {
        message,
        maxOpenPositions,
        openPositions: counted.length,
        cycles,
        positions,
        ...countInputs(holdings),
      },
      createdAt: this.#options.clock.now(),
    });
    this.#options.logger.error({ positions, maxOpenPositions }, `trading HALTED: ${message}`);
    this.#options.events?.publish(
      capHaltedEvent({
        at: this.#options.clock.now(),
        positions: counted.length,
        maxOpenPositions,
        detail: message,
      }),
    );
    this.#phase = { kind: 'HALTED' };
  }
}

// What the count acted on, for every cap decision: how many of each source counted, and the holdings
// that did not count (zombies: the ledger holds what the exchange does not).
function countInputs(holdings: readonly CapHolding[]): Record<string, unknown> {
  const counted = holdings.filter((holding) => holding.notCounted === undefined);
  const bySource = (source: CapHolding['source']) =>
    counted.filter((holding) => holding.source === source).length;
  return {
    counted: { both: bySource('BOTH'), exchangeOnly: bySource('EXCHANGE'), ledgerOnly: bySource('LEDGER') },
    exchangeOnly: counted.filter((holding) => holding.source === 'EXCHANGE').map(holdingInputs),
    zombies: holdings.filter((holding) => holding.notCounted === 'ZOMBIE').map(holdingInputs),
  };
}
