import type { Clock } from '@hookline/core';
import type { ReadinessCheck } from '@hookline/runtime';
import type { Logger } from 'pino';
import type { EntryOutcome, SighookEntries } from '../entries/sighook-entries.js';
import type { MatrixPublisher } from './matrix-publisher.js';
import type { SymbolSignals } from './symbol-signals.js';

/** What the loop drives. */
export interface SignalLoopOptions {
  readonly symbols: readonly Pick<SymbolSignals, 'symbol' | 'poll'>[];
  readonly publisher: Pick<MatrixPublisher, 'publish'>;
  /** Absent when HOOKLINE_SIGHOOK_ENTRIES=off. */
  readonly entries?: Pick<SighookEntries, 'consider'>;
  readonly clock: Clock;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Symbols polled at the same time (the exchange's rate limit is shared with the webhook). */
  readonly concurrency?: number;
}

/** What one poll did. */
export interface PollReport {
  /** Rows computed and published (one per symbol per new closed candle). */
  readonly rows: number;
  /** The entry decision of each symbol that had a new row. */
  readonly entries: ReadonlyMap<string, EntryOutcome>;
  /** Symbols whose poll failed, with the error message. */
  readonly failed: ReadonlyMap<string, string>;
}

/**
 * Polls every symbol (candles → rows → publish → entry), one poll at a time: a poll asked for while
 * one runs joins it, and the timer schedules the next only after the last finished. An error on one
 * symbol is logged and never stops the others.
 */
export class SignalLoop {
  readonly #options: SignalLoopOptions;
  #running: Promise<PollReport> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #lastSuccessMs: number | undefined;
  #lastFailed: ReadonlyMap<string, string> = new Map();

  constructor(options: SignalLoopOptions) {
    this.#options = options;
  }

  /** Polls every symbol now, or joins the poll already running. */
  pollOnce(): Promise<PollReport> {
    this.#running ??= this.#poll().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Polls every `intervalMs` after the previous poll ended, until stop(). */
  start(intervalMs: number): void {
    const next = () => {
      if (this.#stopped) return;
      this.#timer = setTimeout(() => {
        void this.pollOnce()
          .catch((error: unknown) => this.#options.logger.error({ err: error }, 'sighook poll failed'))
          .finally(next);
      }, intervalMs);
    };
    next();
  }

  /** Stops scheduling and waits for a running poll to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
  }

  /** Ready while the last poll in which every symbol succeeded is younger than `maxAgeMs`. */
  readiness(maxAgeMs: number): ReadinessCheck {
    return {
      name: 'sighook:poll',
      run: async () => {
        const failing = Object.fromEntries(this.#lastFailed);
        if (this.#lastSuccessMs === undefined)
          return { ok: false, detail: { reason: 'no successful poll yet', failing } };
        const ageMs = this.#options.clock.nowMs() - this.#lastSuccessMs;
        return ageMs <= maxAgeMs
          ? { ok: true, detail: { ageMs } }
          : { ok: false, detail: { ageMs, reason: `older than ${maxAgeMs} ms`, failing } };
      },
    };
  }

  async #poll(): Promise<PollReport> {
    const entries = new Map<string, EntryOutcome>();
    const failed = new Map<string, string>();
    let rows = 0;
    const pending = [...this.#options.symbols];
    const worker = async () => {
      for (let signals = pending.shift(); signals !== undefined; signals = pending.shift()) {
        try {
          const result = await this.#pollSymbol(signals);
          rows += result.rows;
          if (result.entry !== undefined) entries.set(signals.symbol, result.entry);
        } catch (error) {
          failed.set(signals.symbol, error instanceof Error ? error.message : String(error));
          this.#options.logger.error(
            { err: error, symbol: signals.symbol },
            'sighook poll failed for a symbol',
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.#options.concurrency ?? 4) }, worker));
    this.#lastFailed = failed;
    if (failed.size === 0) this.#lastSuccessMs = this.#options.clock.nowMs();
    return { rows, entries, failed };
  }

  async #pollSymbol(
    signals: Pick<SymbolSignals, 'symbol' | 'poll'>,
  ): Promise<{ rows: number; entry?: EntryOutcome }> {
    const computed = await signals.poll();
    await this.#options.publisher.publish(computed.map(({ row }) => row));
    const newest = computed.at(-1);
    // Only the newest row of a poll may enter: older ones (a catch-up) are history, not a signal now.
    if (newest === undefined || this.#options.entries === undefined) return { rows: computed.length };
    const entry = await this.#options.entries.consider(newest.row, newest.candle.close);
    return { rows: computed.length, entry };
  }
}
