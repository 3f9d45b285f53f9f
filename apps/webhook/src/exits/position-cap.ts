// The position cap (docs/architecture.md, "Position cap"): while open positions, dust and HODL excluded,
// exceed HOOKLINE_MAX_OPEN_POSITIONS, sell the smallest excess (by value at the bid), wait, look
// again (the next sweeps re-read the ledger, which the exchange's fills feed), up to three cycles;
// still above → HALT trading with a message for the operator and a POSITION_CAP_UNRESOLVED decision.
// The wait is clock-based: a sweep never sleeps, it remembers when it sold and checks on a later one.
import type { Clock, Decimal } from '@hookline/core';
import { toPlainString } from '@hookline/core';
import type { Balances } from '@hookline/exchange';
import { type Store, writeExitDecision } from '@hookline/store';
import type { Logger } from 'pino';
import type { RuleInputs } from '../rules/index.js';
import type { StartExitResult } from './executor/exit-executor.js';
import type { PositionCapSettings } from './exit-settings.js';
import type { SentinelControls } from './sentinel/sentinel-ports.js';

/** One open position as the cap sees it. */
export interface CapPosition {
  readonly symbol: string;
  readonly base: string;
  readonly amount: Decimal;
  /** A fresh bid, or undefined (then it cannot be ranked or sold by the cap). */
  readonly bid: Decimal | undefined;
  readonly dust: boolean;
  readonly hodl: boolean;
  /** An exit of it is working (or was started this sweep): it is already on its way out. */
  readonly exiting: boolean;
}

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
  /** The exchange's balances, read when the cap gives up (for the operator's message). */
  readonly balances: () => Promise<Balances>;
}

type CapPhase =
  | { readonly kind: 'IDLE' }
  | {
      readonly kind: 'WAITING';
      readonly cycle: number;
      readonly soldAtMs: number;
      readonly sold: readonly string[];
    }
  | { readonly kind: 'HALTED' };

/** A cap sell still working after this many waits no longer holds the next cycle back. */
const MAX_WAITS_FOR_WORKING_EXITS = 10;

/** Enforces the cap across sweeps (in memory: a restart starts again at cycle one). */
export class PositionCap {
  readonly #options: PositionCapOptions;
  #phase: CapPhase = { kind: 'IDLE' };

  constructor(options: PositionCapOptions) {
    this.#options = options;
  }

  /** The cycle the cap is in (0 when within the cap). */
  get cycle(): number {
    return this.#phase.kind === 'WAITING' ? this.#phase.cycle : 0;
  }

  /** One look at the positions of a completed sweep. */
  async enforce(positions: readonly CapPosition[], sell: CapSell): Promise<CapOutcome> {
    const { maxOpenPositions } = this.#options.settings;
    const counted = positions.filter((position) => !position.dust && !position.hodl);
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
    if (this.#phase.kind === 'IDLE' && tradingState === 'HALTED') return 'HALTED_ALREADY';
    const phase = this.#phase;
    if (phase.kind === 'WAITING' && !this.#waitIsOver(phase, positions)) return 'WAITING';
    const cycle = phase.kind === 'WAITING' ? phase.cycle : 0;
    if (cycle >= this.#options.settings.maxCycles) {
      await this.#halt(counted, cycle);
      return 'HALTED';
    }
    return await this.#sellExcess(counted, cycle + 1, sell);
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

  async #sellExcess(counted: readonly CapPosition[], cycle: number, sell: CapSell): Promise<CapOutcome> {
    const { maxOpenPositions } = this.#options.settings;
    const leaving = counted.filter((position) => position.exiting).length;
    const excess = counted.length - leaving - maxOpenPositions;
    const smallest = counted
      .filter(
        (position): position is CapPosition & { bid: Decimal } =>
          !position.exiting && position.bid !== undefined,
      )
      .map((position) => ({ position, value: position.amount.times(position.bid) }))
      .sort((left, right) => left.value.comparedTo(right.value))
      .slice(0, Math.max(excess, 0));
    const nowMs = this.#options.clock.nowMs();
    this.#phase = {
      kind: 'WAITING',
      cycle,
      soldAtMs: nowMs,
      sold: smallest.map(({ position }) => position.symbol),
    };
    if (smallest.length === 0) return 'NOTHING_TO_SELL';
    for (const { position, value } of smallest) {
      const inputs = {
        openPositions: counted.length,
        maxOpenPositions,
        cycle,
        valueAtBid: toPlainString(value),
      };
      this.#options.logger.warn(
        { symbol: position.symbol, ...inputs },
        'position cap exceeded: selling the smallest',
      );
      await sell(position, inputs);
    }
    return 'SOLD';
  }

  async #halt(counted: readonly CapPosition[], cycles: number): Promise<void> {
    const { maxOpenPositions } = this.#options.settings;
    const message =
      `open positions (${counted.length}) stayed above the cap (${maxOpenPositions}) after ${cycles} sell cycles: ` +
      'check the exchange for positions Hookline cannot sell (HODL, dust, balances held elsewhere), ' +
      'then POST /api/admin/resume';
    const balances = await this.#options.balances().catch(() => undefined);
    const positions = counted.map((position) => ({
      symbol: position.symbol,
      ledgerAmount: toPlainString(position.amount),
      exchangeTotal: exchangeAmount(balances, position.base, 'total'),
      exchangeAvailable: exchangeAmount(balances, position.base, 'available'),
    }));
    await this.#options.controls.setTradingState('HALTED', { by: 'sentinel', reason: message });
    await writeExitDecision(this.#options.store, {
      account: this.#options.account,
      symbol: '*',
      outcome: 'BLOCKED',
      reasonCode: 'POSITION_CAP_UNRESOLVED',
      exitReason: 'CAP_ENFORCEMENT',
      ruleInputs: { message, maxOpenPositions, openPositions: counted.length, cycles, positions },
      createdAt: this.#options.clock.now(),
    });
    this.#options.logger.error({ positions, maxOpenPositions }, `trading HALTED: ${message}`);
    this.#phase = { kind: 'HALTED' };
  }
}

function exchangeAmount(
  balances: Balances | undefined,
  asset: string,
  field: 'total' | 'available',
): string | null {
  const balance = balances?.[asset];
  return balance === undefined ? null : toPlainString(balance[field]);
}
