// The one way to start an exit: the sweep (a rule fired), the position cap and the operator's
// flatten all call Exits.start. The exit executor does the work (our orders on the symbol canceled
// first, the amount sized from what is available, dust and a second exit refused, exactly one
// decision recorded). For the sentinel, Exits also remembers across sweeps: a back-off after a
// refusal (so a stuck exit does not write a decision every sweep), and the dust the executor
// reported for the exact amount it saw (any fill changes the amount and clears it). The operator's
// request passes straight through: it is neither held back nor remembered. The memory is the
// sentinel's (sentinel_memory): a restart or a lease hand-over keeps the back-off and the dust flags.
import { type Clock, type Decimal, toPlainString } from '@hookline/core';
import type { Market } from '@hookline/exchange';
import type { Logger } from 'pino';
import type { TradingEvents } from '../../notify/event-publisher.js';
import { exitStartedEvents } from '../../notify/trading-event.js';
import type { SentinelExits } from '../sentinel/sentinel-ports.js';
import { SentinelMemory } from '../sentinel-memory.js';
import { ExitRetryGate } from './exit-retry-gate.js';
import type { SharedExitReads } from './exit-shared-reads.js';
import type { StartExitRequest, StartExitResult } from './exit-start.js';

/** How the sentinel asks for an exit: the sweep backs off after a refusal, the cap asks at once. */
export interface SentinelStart {
  readonly backOff: boolean;
}

/** What Exits needs. */
export interface ExitsOptions {
  /** The exit executor (ExitExecutor; tests may pass a recording fake). */
  readonly executor: SentinelExits;
  readonly clock: Clock;
  /** The sentinel's logger: what it asked and what came of it. */
  readonly logger: Logger;
  /** First back-off after a refusal; doubles per refusal up to maxRetryMs. */
  readonly firstRetryMs: number;
  readonly maxRetryMs: number;
  /** Where the back-off and the dust flags are kept (default: this process's memory only). */
  readonly memory?: SentinelMemory;
  /** Where an exit that started (and the stop that fired it) is told (default: nowhere). */
  readonly events?: TradingEvents;
}

/** The exits of one account: start one, drive the working ones. Remembers refusals and dust. */
export class Exits {
  readonly #options: ExitsOptions;
  readonly #retry: ExitRetryGate;
  /** The amount at which the executor reported DUST, per symbol (kind DUST: { amount }). */
  readonly #memory: SentinelMemory;

  constructor(options: ExitsOptions) {
    this.#options = options;
    this.#memory = options.memory ?? new SentinelMemory();
    this.#retry = new ExitRetryGate({
      firstRetryMs: options.firstRetryMs,
      maxRetryMs: options.maxRetryMs,
      memory: this.#memory,
    });
  }

  /**
   * Starts one exit: exactly one decision row (ORDERED with the first order out, or BLOCKED/SKIPPED
   * with the reason). Asked by the sentinel, the exit is held back while a refusal of the same exit
   * of the same amount backs off (then undefined: nothing was asked, nothing recorded).
   */
  start(request: StartExitRequest): Promise<StartExitResult>;
  start(request: StartExitRequest, sentinel: SentinelStart): Promise<StartExitResult | undefined>;
  async start(request: StartExitRequest, sentinel?: SentinelStart): Promise<StartExitResult | undefined> {
    const { executor, clock, logger } = this.#options;
    if (sentinel === undefined) return this.#started(request, await executor.start(request));
    const { symbol, reason } = request;
    const amountText = toPlainString(request.positionAmount);
    const nowMs = clock.nowMs();
    if (sentinel.backOff && !this.#retry.allows(symbol, reason, amountText, nowMs)) return undefined;
    const result = await executor.start(request);
    if (result.kind === 'STARTED') {
      this.#started(request, result);
      this.#retry.forget(symbol);
      logger.info(
        { symbol, reason, decisionId: result.decisionId, amount: toPlainString(result.amount) },
        `exit started: ${reason}`,
      );
      return result;
    }
    this.#retry.refused(symbol, reason, amountText, nowMs);
    if (result.code === 'DUST') this.#memory.set('DUST', symbol, { amount: amountText });
    const level = reason === 'HARD_STOP' ? 'error' : 'warn';
    logger[level](
      { symbol, reason, code: result.code, detail: result.detail },
      `exit not started: ${result.code}`,
    );
    return result;
  }

  // An exit that started is published (with the stop that fired it); publishing never blocks.
  #started(request: StartExitRequest, result: StartExitResult): StartExitResult {
    if (result.kind !== 'STARTED') return result;
    for (const event of exitStartedEvents({
      symbol: request.symbol,
      reason: request.reason,
      amount: result.amount,
      decisionId: result.decisionId,
      at: this.#options.clock.now(),
    }))
      this.#options.events?.publish(event);
    return result;
  }

  /**
   * Cancels our orders on `symbols` and reads markets, quotes and balances once for exits started
   * together; undefined when the executor has no shared reads (each exit then reads alone).
   */
  async readShared(
    symbols: readonly string[],
    reason: string,
    markets?: readonly Market[],
  ): Promise<SharedExitReads | undefined> {
    return await this.#options.executor.readShared?.(symbols, reason, markets);
  }

  /** Drives every working exit one step (the sweep calls it first). */
  async advance(): Promise<readonly unknown[]> {
    return await this.#options.executor.advance();
  }

  /** Symbols with an exit still working. */
  async activeExitSymbols(): Promise<ReadonlySet<string>> {
    return await this.#options.executor.activeExitSymbols();
  }

  /** True when the executor reported dust for exactly this amount; another amount clears the flag. */
  isDust(symbol: string, amount: Decimal): boolean {
    const stored = this.#memory.get('DUST', symbol) as { amount?: unknown } | undefined;
    if (stored === undefined) return false; // most positions: no amount to render (every sweep, each one)
    const text = toPlainString(amount);
    const flagged = typeof stored.amount === 'string' ? stored.amount : undefined;
    if (flagged !== text) this.#memory.delete('DUST', symbol);
    return flagged === text;
  }

  /** A closed position's back-off and dust go. */
  forget(symbol: string): void {
    this.#retry.forget(symbol);
    this.#memory.delete('DUST', symbol);
  }
}
