// The exit executor (docs/architecture.md, "Exit execution"): the sentinel starts one exit per position
// and drives every working exit one step per sweep. Exits are not scheduled through BullMQ delays:
// the sweep is the scheduler, so the replay's virtual clock drives them like the real one, and
// every step re-derives the exit's state from the database, so a restart continues where it was.

import { isTerminal } from '@hookline/core';
import type { Market } from '@hookline/exchange';
import { type AccountLockName, findOrderByClientOrderId, withAccountLock } from '@hookline/store';
import { advanceExit } from './exit-advance.js';
import type { ExitExecutorDependencies } from './exit-context.js';
import type { ExitProgress } from './exit-progress.js';
import { loadActiveExits, type StoredExit } from './exit-records.js';
import { readSharedExitInputs, type SharedExitReads } from './exit-shared-reads.js';
import { type StartExitRequest, type StartExitResult, startExit } from './exit-start.js';

export type { ExitExecutorDependencies } from './exit-context.js';
export type { ExitProgress } from './exit-progress.js';
export type { SharedExitReads } from './exit-shared-reads.js';
export type { StartExitRequest, StartExitResult } from './exit-start.js';

/**
 * The lock an exit start of `symbol` holds (the entry gate of the symbol holds it too, inside the
 * account's entry lock): one start, or one entry's gate, of a symbol at a time.
 */
export function exitStartLock(account: string, symbol: string): AccountLockName {
  return { account, purpose: `exit-start:${symbol}` };
}

/** How the executor reads. */
export interface ExitExecutorOptions {
  /**
   * True when nothing but this executor writes the account's exits (a backtest's own database): once
   * a read found no working exit, none is read again until this executor starts one.
   */
  readonly soleWriter?: boolean;
}

/** Sells positions for the sentinel: LIMIT with re-pricing and escalation, or the hard stop's IOC ladder. */
export class ExitExecutor {
  readonly #deps: ExitExecutorDependencies;
  readonly #soleWriter: boolean;
  /** Sole writer only: the last read found no working exit and none started since. */
  #noneWorking = false;

  constructor(dependencies: ExitExecutorDependencies, options: ExitExecutorOptions = {}) {
    this.#deps = dependencies;
    this.#soleWriter = options.soleWriter === true;
  }

  /** Writes exactly one decision row (ORDERED, or BLOCKED/SKIPPED with the reason) and, when ORDERED, places the first exit order. */
  async start(request: StartExitRequest): Promise<StartExitResult> {
    this.#noneWorking = false;
    // One start per symbol at a time, whoever starts it (the sentinel, a user's exit alert on any
    // worker of any replica, an operator): each start checks that no exit of the symbol is working,
    // and two checks at once would both pass and sell the position twice.
    // The start reads and writes on the lock's session: should that session end while the start waits
    // on the venue (and the lock pass to another process), its decision fails to land instead of
    // starting a second exit of the position. The sentinel's next sweep starts it again.
    const { store, settings } = this.#deps;
    const result = await withAccountLock(store, exitStartLock(settings.account, request.symbol), (held) =>
      startExit({ ...this.#deps, store: held }, request),
    );
    // A batch (flatten all) does not walk on here: each walk reads its own market and balances, which
    // is what the batch saves. The sentinel's next advance continues every exit of the batch.
    if (request.shared !== undefined) return result;
    if (result.kind === 'STARTED' && (await this.#walksOn({ ...result, repeats: false }))) {
      await this.#walkOn(result.decisionId, []);
    }
    return result;
  }

  /**
   * Cancels our working orders on `symbols` and reads the markets, quotes and balances once, for
   * start() requests of many positions at once (`shared`): O(1) exchange reads for N positions.
   */
  async readShared(
    symbols: readonly string[],
    reason: string,
    markets?: readonly Market[],
  ): Promise<SharedExitReads> {
    return await readSharedExitInputs(this.#deps, symbols, reason, markets);
  }

  /**
   * Drives every working exit of the account one step: a LIMIT past its timeout is canceled and
   * re-priced at the new bid (a new attempt, a new client order id of the same decision); after
   * repriceAttempts LIMITs comes an IOC at the bid; the hard stop goes IOC down its ladder; then an
   * IOC at the exit's floor each sweep (MARKET when allowed). No price is below the floor; while the
   * bid is, the exit waits (EXIT_PRICE_CAPPED). An exit is over when its orders are terminal and
   * nothing (or only dust) is left to sell. One exit failing does not hold back the others.
   */
  async advance(): Promise<readonly ExitProgress[]> {
    const exits = await this.#working();
    const progress: ExitProgress[] = [];
    for (const exit of exits) {
      try {
        const step = await advanceExit(this.#deps, exit);
        progress.push(step);
        if (step.kind === 'ORDER_PLACED' && (await this.#walksOn(step))) {
          await this.#walkOn(exit.decisionId, progress);
        }
      } catch (error) {
        this.#deps.logger.error(
          { err: error, decisionId: exit.decisionId, symbol: exit.symbol },
          'exit step failed',
        );
        const detail = error instanceof Error ? error.message : String(error);
        progress.push({
          symbol: exit.symbol,
          decisionId: exit.decisionId,
          reason: exit.reason,
          kind: 'WAITING',
          code: 'SENTINEL_ERROR',
          detail,
        });
      }
    }
    return progress;
  }

  /** Symbols with an exit decision still working (one exit at a time per position). */
  async activeExitSymbols(): Promise<ReadonlySet<string>> {
    const exits = await this.#working();
    return new Set(exits.map((exit) => exit.symbol));
  }

  // Only start() writes an exit's plan, so a sole writer that found none knows none works until then.
  async #working(): Promise<StoredExit[]> {
    if (this.#noneWorking) return [];
    const exits = await loadActiveExits(this.#deps.store, this.#deps.settings.account);
    if (this.#soleWriter && exits.length === 0) this.#noneWorking = true;
    return exits;
  }

  // An IOC or market order settles when it is answered, so the next rung goes out now instead of a
  // sweep later: a hard stop through a gap walks its whole ladder at once, not 3 s per rung.
  async #walkOn(decisionId: string, progress: ExitProgress[]): Promise<void> {
    for (let hop = 0; hop < MAX_CHAINED_ORDERS; hop += 1) {
      const exit = await this.#activeExit(decisionId);
      if (exit === undefined) return;
      const step = await advanceExit(this.#deps, exit);
      progress.push(step);
      if (step.kind !== 'ORDER_PLACED' || !(await this.#walksOn(step))) return;
    }
  }

  // The repeating rung at the floor took what the quote offered down to the floor: another one on
  // the same quote would find nothing, so unless it filled, the next sweep (a new quote) sends it again.
  async #walksOn(step: { readonly clientOrderId: string; readonly repeats: boolean }): Promise<boolean> {
    const row = await findOrderByClientOrderId(this.#deps.store, step.clientOrderId);
    if (row === null || row.timeInForce !== 'IOC' || !isTerminal(row.status)) return false;
    return !step.repeats || row.status === 'FILLED';
  }

  async #activeExit(decisionId: string): Promise<StoredExit | undefined> {
    const exits = await loadActiveExits(this.#deps.store, this.#deps.settings.account);
    return exits.find((exit) => exit.decisionId === decisionId);
  }
}

/** Orders one walk may place at most (the longest ladder plus the market attempts, with room). */
const MAX_CHAINED_ORDERS = 12;

export { type ExitSummary, summarizeExit } from './exit-summary.js';
