// "Why didn't it sell?": every exit that does not happen leaves a row in `decisions` (intent EXIT,
// side SELL, the reason code, the exit that would have fired, the rule inputs). Not a row per sweep:
// a (symbol, code, would-be exit) is recorded when it differs from the last one recorded for the
// symbol, or again once `repeatMs` has passed. What was recorded last is kept in the sentinel's memory
// (sentinel_memory, kind WHY_NOT_SOLD), so a restart or a lease hand-over does not record it again.
//
// The operator's question is one call: GET /api/decisions?symbol=BTC/USD&intent=EXIT
// (or SQL: SELECT created_at, outcome, reason_code, exit_reason, rule_inputs FROM decisions
//  WHERE symbol = 'BTC/USD' AND intent = 'EXIT' ORDER BY created_at DESC LIMIT 20).
import type { Clock, ExitReason } from '@hookline/core';
import { type ExitDecisionWrite, type Store, writeExitDecisions } from '@hookline/store';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { TradingEvents } from '../notify/event-publisher.js';
import { dataStaleEvent } from '../notify/trading-event.js';
import type { RuleInputs } from '../rules/index.js';
import type { ExitNotTakenCode } from './exit-reasons.js';
import type { SentinelMemory } from './sentinel-memory.js';

const recordedSchema = z.object({ key: z.string(), atMs: z.number() });

/** One sell that did not happen. */
export interface NotSoldEvent {
  readonly symbol: string;
  /** The sentinel's own reason for not selling (the executor records its refusals itself). */
  readonly code: ExitNotTakenCode;
  /** The exit rule that fired (or would have, had the data been usable). */
  readonly wouldExit: ExitReason | undefined;
  readonly ruleInputs: RuleInputs;
}

/** What the recorder needs. */
export interface WhyNotSoldOptions {
  readonly store: Store;
  readonly account: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly repeatMs: number;
  /** Where the last record per symbol is kept. */
  readonly memory: SentinelMemory;
  /** Where a position not evaluated for stale data is told (default: nowhere). */
  readonly events?: TradingEvents;
}

/** Records skipped exits in `decisions`, deduplicated over the sentinel's memory. */
export class WhyNotSoldRecorder {
  readonly #options: WhyNotSoldOptions;

  constructor(options: WhyNotSoldOptions) {
    this.#options = options;
  }

  /** Writes the events not recorded recently (one statement); returns how many were written. */
  async record(events: readonly NotSoldEvent[]): Promise<number> {
    const nowMs = this.#options.clock.nowMs();
    const due = events.filter((event) => this.#isDue(event, nowMs));
    if (due.length === 0) return 0;
    const createdAt = this.#options.clock.now();
    await writeExitDecisions(
      this.#options.store,
      due.map((event) => this.#row(event, createdAt)),
    );
    for (const event of due) {
      this.#remember(event, nowMs);
      this.#log(event);
      if (event.code === 'STALE_DATA') {
        const message = (event.ruleInputs as { message?: unknown; reason?: unknown }).message;
        const detail = typeof message === 'string' ? message : `no fresh valid quote for ${event.symbol}`;
        this.#options.events?.publish(dataStaleEvent({ symbol: event.symbol, detail, at: createdAt }));
      }
    }
    return due.length;
  }

  /** Counts `event` as recorded now without writing it (the executor wrote its own row). */
  remember(event: Omit<NotSoldEvent, 'ruleInputs'>): void {
    this.#remember(event, this.#options.clock.nowMs());
  }

  /** Forgets a symbol whose position closed (its next position starts with a clean record). */
  forget(symbol: string): void {
    this.#options.memory.delete('WHY_NOT_SOLD', symbol);
  }

  /** Symbols with a remembered record (for tests and cleanup). */
  rememberedSymbols(): string[] {
    return this.#options.memory.symbols('WHY_NOT_SOLD');
  }

  #remember(event: Omit<NotSoldEvent, 'ruleInputs'>, atMs: number): void {
    this.#options.memory.set('WHY_NOT_SOLD', event.symbol, { key: keyOf(event), atMs });
  }

  #isDue(event: NotSoldEvent, nowMs: number): boolean {
    const parsed = recordedSchema.safeParse(this.#options.memory.get('WHY_NOT_SOLD', event.symbol));
    const last = parsed.success ? parsed.data : undefined;
    return last === undefined || last.key !== keyOf(event) || nowMs - last.atMs >= this.#options.repeatMs;
  }

  #row(event: NotSoldEvent, createdAt: Date): ExitDecisionWrite {
    return {
      account: this.#options.account,
      symbol: event.symbol,
      outcome: 'SKIPPED',
      reasonCode: event.code,
      exitReason: event.wouldExit ?? null,
      ruleInputs: { ...event.ruleInputs, wouldExit: event.wouldExit ?? null },
      createdAt,
    };
  }

  #log(event: NotSoldEvent): void {
    const fields = {
      symbol: event.symbol,
      code: event.code,
      wouldExit: event.wouldExit,
      inputs: event.ruleInputs,
    };
    if (event.code === 'HODL_ASSET' && event.wouldExit === 'HARD_STOP') {
      // Loudly: the position lost more than the hard stop and nothing will sell it.
      this.#options.logger.error(
        fields,
        `HODL asset ${event.symbol} is below its HARD_STOP and is NOT being sold (HOOKLINE_HODL_ASSETS); sell it by hand if that is not what you want`,
      );
    } else if (event.code === 'SENTINEL_ERROR' || event.code === 'STALE_DATA') {
      this.#options.logger.warn(fields, `exit sentinel did not evaluate ${event.symbol}: ${event.code}`);
    } else {
      this.#options.logger.info(fields, `exit sentinel will not sell ${event.symbol}: ${event.code}`);
    }
  }
}

function keyOf(event: Omit<NotSoldEvent, 'ruleInputs'>): string {
  return `${event.code}|${event.wouldExit ?? ''}`;
}
