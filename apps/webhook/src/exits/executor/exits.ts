// How the sentinel hands an exit to the executor: with a back-off after a refusal (so a stuck exit
// does not write a decision every sweep), and with the dust the executor reports remembered for
// the exact amount it saw (any fill changes the amount and clears it).
import { type Clock, type Decimal, type ExitReason, toPlainString } from '@hookline/core';
import type { Logger } from 'pino';
import type { RuleInputs } from '../../rules/index.js';
import type { SentinelExits } from '../sentinel/sentinel-ports.js';
import type { SweepDraft } from '../sentinel/sweep-report.js';
import type { WhyNotSoldRecorder } from '../why-not-sold.js';
import type { StartExitResult } from './exit-executor.js';
import { ExitRetryGate } from './exit-retry-gate.js';

/** What the starter needs. */
export interface ExitStarterOptions {
  readonly exits: SentinelExits;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly recorder: WhyNotSoldRecorder;
  readonly firstRetryMs: number;
  readonly maxRetryMs: number;
}

/** Starts exits for the sweep; remembers refusals and dust across sweeps (in memory). */
export class ExitStarter {
  readonly #options: ExitStarterOptions;
  readonly #retry: ExitRetryGate;
  /** Amount at which the executor reported DUST, per symbol. */
  readonly #dustAmounts = new Map<string, string>();

  constructor(options: ExitStarterOptions) {
    this.#options = options;
    this.#retry = new ExitRetryGate({ firstRetryMs: options.firstRetryMs, maxRetryMs: options.maxRetryMs });
  }

  /**
   * True when the executor reported dust for exactly this amount; another amount clears the flag.
   * After a restart the memory is empty: the executor is asked once more and reports it again.
   */
  isDust(symbol: string, amount: Decimal): boolean {
    const text = toPlainString(amount);
    const flagged = this.#dustAmounts.get(symbol);
    if (flagged !== undefined && flagged !== text) this.#dustAmounts.delete(symbol);
    return flagged === text;
  }

  /** Asks the executor to sell; undefined when the back-off says not yet. */
  async start(
    position: { readonly symbol: string; readonly amount: Decimal },
    reason: ExitReason,
    ruleInputs: RuleInputs,
    draft: SweepDraft,
    backOff: boolean,
  ): Promise<StartExitResult | undefined> {
    const { symbol, amount } = position;
    const amountText = toPlainString(amount);
    const nowMs = this.#options.clock.nowMs();
    if (backOff && !this.#retry.allows(symbol, reason, amountText, nowMs)) return undefined;
    const result = await this.#options.exits.start({ symbol, reason, positionAmount: amount, ruleInputs });
    if (result.kind === 'STARTED') {
      this.#retry.forget(symbol);
      draft.exitsStarted.push(symbol);
      this.#options.logger.info(
        { symbol, reason, decisionId: result.decisionId, amount: toPlainString(result.amount) },
        `exit started: ${reason}`,
      );
      return result;
    }
    this.#retry.refused(symbol, reason, amountText, nowMs);
    draft.notSold.push({ symbol, code: result.code });
    if (result.code === 'DUST') {
      this.#dustAmounts.set(symbol, amountText);
      this.#options.recorder.remember({ symbol, code: 'DUST', wouldExit: reason });
    }
    const level = reason === 'HARD_STOP' ? 'error' : 'warn';
    this.#options.logger[level](
      { symbol, reason, code: result.code, detail: result.detail },
      `exit not started: ${result.code}`,
    );
    return result;
  }

  /** A closed position's back-off and dust go. */
  forget(symbol: string): void {
    this.#retry.forget(symbol);
    this.#dustAmounts.delete(symbol);
  }
}
