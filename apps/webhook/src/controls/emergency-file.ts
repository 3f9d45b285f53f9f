// The emergency liquidation file: the operator's switch beside the admin API, for when the API cannot
// be reached (no token at hand, the proxy down, the network cut from outside). When the file appears,
// the service HALTs new entries and flattens every position with reason EMERGENCY, exactly once: the
// file is first claimed by an atomic rename (one replica wins, a second check finds nothing), and the
// outcome is left beside it as `<file>.done` (JSON), so a restart does not fire it again. The file's
// text, if any, is the reason recorded on every decision. A flatten that fails (the exchange down)
// puts the file back, so the next check tries again; a process killed in the middle leaves
// `<file>.running`, which the next process puts back at its start.
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Clock } from '@hookline/core';
import type { Logger } from 'pino';
import type { FlattenIntent, FlattenSkip } from '../api/flatten.js';
import type { OperatorChange } from './operator-change.js';

/** What the switch does when the file appears. */
export interface EmergencyFileOptions {
  /** The file whose appearance liquidates (HOOKLINE_EMERGENCY_FILE). */
  readonly path: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** HALTs new entries for every replica (TradingControls.setTradingState). */
  readonly halt: (change: OperatorChange) => Promise<unknown>;
  /** Flattens every open position with reason EMERGENCY, the change recorded with source "file". */
  readonly flatten: (
    change: OperatorChange,
  ) => Promise<{ intents: readonly FlattenIntent[]; skipped: readonly FlattenSkip[] }>;
}

/** What one firing did: written to `<file>.done`. */
export interface EmergencyOutcome {
  readonly file: string;
  readonly firedAt: string;
  readonly finishedAt: string;
  readonly by: string;
  readonly reason: string;
  readonly tradingState: 'HALTED';
  readonly intents: readonly FlattenIntent[];
  readonly skipped: readonly FlattenSkip[];
}

/** The longest reason taken from the file (as the admin API's). */
const MAX_REASON_LENGTH = 500;

/** Watches one emergency file; check() is one look, start() looks every interval. */
export class EmergencyFileSwitch {
  readonly #options: EmergencyFileOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<EmergencyOutcome | undefined> | undefined;
  #recovered = false;

  constructor(options: EmergencyFileOptions) {
    this.#options = options;
  }

  /** Where the file is claimed while it fires. */
  get runningPath(): string {
    return `${this.#options.path}.running`;
  }

  /** Where the outcome of the last firing is left. */
  get donePath(): string {
    return `${this.#options.path}.done`;
  }

  /**
   * Fires when the file is there: HALT, flatten all, `<file>.done`. Undefined when there is no file
   * (or another replica claimed it first). Calls while one runs wait for it and return its outcome.
   */
  check(): Promise<EmergencyOutcome | undefined> {
    this.#running ??= this.#checkOnce().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Checks now and every `intervalMs`; a failed check is logged and retried at the next. */
  start(intervalMs: number): void {
    if (this.#timer !== undefined) return;
    const tick = () => {
      this.check().catch((error: unknown) => {
        this.#options.logger.error({ err: error, file: this.#options.path }, 'emergency file check failed');
      });
    };
    this.#timer = setInterval(tick, intervalMs);
    this.#timer.unref();
    tick();
  }

  /** Stops looking and waits for a firing under way. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  async #checkOnce(): Promise<EmergencyOutcome | undefined> {
    const { path, logger } = this.#options;
    if (!this.#recovered) {
      this.#recovered = true;
      // A firing cut short by a crash: put the file back so it is claimed (and fired) below.
      if (await renamed(this.runningPath, path)) {
        logger.warn({ file: path }, 'an emergency liquidation was interrupted; firing it again');
      }
    }
    if (!(await renamed(path, this.runningPath))) return undefined;
    try {
      return await this.#fire();
    } catch (error) {
      // Back in place: the next check fires again (the exits already started are not repeated).
      await rename(this.runningPath, path);
      throw error;
    }
  }

  async #fire(): Promise<EmergencyOutcome> {
    const { path, clock, logger } = this.#options;
    const firedAt = clock.now().toISOString();
    const text = (await readFile(this.runningPath, 'utf8')).trim().slice(0, MAX_REASON_LENGTH);
    const change: OperatorChange = {
      by: `file ${path}`,
      reason: text === '' ? `emergency liquidation: ${path} appeared` : text,
    };
    logger.error(
      { file: path, reason: change.reason },
      'emergency file found: halting and flattening everything',
    );
    await this.#options.halt(change);
    const { intents, skipped } = await this.#options.flatten(change);
    const outcome: EmergencyOutcome = {
      file: path,
      firedAt,
      finishedAt: clock.now().toISOString(),
      by: change.by,
      reason: change.reason,
      tradingState: 'HALTED',
      intents,
      skipped,
    };
    await writeFile(this.runningPath, `${JSON.stringify(outcome, null, 2)}\n`);
    await rename(this.runningPath, this.donePath);
    logger.error(
      { file: path, sold: intents.length, skipped: skipped.length, done: this.donePath },
      'emergency liquidation done',
    );
    return outcome;
  }
}

// True when `from` was there and is now `to` (atomic: of two racing replicas, one wins).
async function renamed(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
