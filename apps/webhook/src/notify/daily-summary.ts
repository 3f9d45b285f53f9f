// The daily summary: at the configured UTC hour, the realised P&L, fees and trades of the 24 hours
// before and the open positions now. Every replica may send it: its event id is the account and the
// hour, so it goes out once.
import type { Clock } from '@hookline/core';
import { readOpenPositionsForMoney, readPeriodMoney, type Store } from '@hookline/store';
import type { TradingEvents } from './event-publisher.js';
import { dailySummaryEvent, type TradingEvent } from './trading-event.js';

const DAY_MS = 24 * 3600 * 1000;
const CHECK_MS = 60_000;

/** The instant of the summary at or before `now` (the configured hour of today or of yesterday). */
export function summaryTimeAtOrBefore(now: Date, hourUtc: number): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc);
  return new Date(today <= now.getTime() ? today : today - DAY_MS);
}

/** The summary of the 24 hours before `to`. */
export async function buildDailySummary(store: Store, account: string, to: Date): Promise<TradingEvent> {
  const from = new Date(to.getTime() - DAY_MS);
  const [money, positions] = await Promise.all([
    readPeriodMoney(store, { account, from, to }),
    readOpenPositionsForMoney(store, account),
  ]);
  return dailySummaryEvent({
    account,
    from,
    to,
    realizedPnl: money.realizedPnl,
    fees: money.feesUsd,
    trades: money.trades,
    openPositions: positions.length,
  });
}

/** Checks every minute whether the summary's hour has come since the last one, and sends it. */
export class DailySummary {
  #sentFor: number | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: {
      readonly store: Store;
      readonly account: string;
      readonly hourUtc: number;
      readonly clock: Clock;
      readonly events: TradingEvents;
    },
  ) {}

  /** Sends the summary when its hour came since the process started or the last one was sent. */
  check(): void {
    const { store, account, hourUtc, clock, events } = this.options;
    const due = summaryTimeAtOrBefore(clock.now(), hourUtc);
    if (this.#sentFor === undefined) {
      // A process that starts after the hour does not send that day's summary late.
      this.#sentFor = due.getTime();
      return;
    }
    if (due.getTime() <= this.#sentFor) return;
    this.#sentFor = due.getTime();
    events.publishFrom(async () => [await buildDailySummary(store, account, due)]);
  }

  start(): void {
    this.check();
    this.#timer = setInterval(() => this.check(), CHECK_MS);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
