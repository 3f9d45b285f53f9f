// The dashboard's live updates: one feed per process, however many browsers are connected. While any
// is, the feed ticks every sweep interval: it reads the account's positions and P&L once, and the
// decisions, fills and orders that changed since its cursor once, and writes each event, serialized
// once, to every connected stream. With no browser connected it reads nothing.
//
// The cursor is taken from the rows themselves (their created_at / updated_at), never from a clock,
// and each read overlaps the previous one by OVERLAP_MS so that a row whose transaction commits after
// a later row's is still seen; rows already sent are dropped by id.
import {
  type ChangeCursor,
  type DecisionRecord,
  type FillRecord,
  type OrderRecord,
  readChangeCursor,
  readChangesSince,
  type Store,
} from '@hookline/store';
import type { FastifyBaseLogger } from 'fastify';

/** An event on the wire: its SSE name and its JSON data. */
export interface LiveEvent {
  readonly event: 'sweep' | 'decision' | 'fill' | 'order' | 'control';
  readonly data: unknown;
}

/** What the feed reads each tick and how it renders the rows (the API's item shapes). */
export interface LiveFeedOptions {
  readonly store: Store;
  readonly account: string;
  readonly intervalMs: number;
  readonly logger: Pick<FastifyBaseLogger, 'warn'>;
  /** The positions and totals of a `sweep` event. */
  readonly snapshot: () => Promise<unknown>;
  readonly render: {
    readonly decision: (row: DecisionRecord) => unknown;
    readonly fill: (row: FillRecord) => unknown;
    readonly order: (row: OrderRecord) => unknown;
  };
}

const OVERLAP_MS = 5_000;
const KEEPALIVE_MS = 15_000;
const BATCH = 500;

/** One connected stream. */
export interface LiveClient {
  /** Stops sending to it (the browser went away). */
  leave(): void;
}

/** The process's live feed (see the file's head). */
export class LiveFeed {
  readonly #options: LiveFeedOptions;
  readonly #writers = new Set<(text: string) => void>();
  #timer: NodeJS.Timeout | undefined;
  #keepalive: NodeJS.Timeout | undefined;
  #cursor: ChangeCursor | undefined;
  #seen = new Map<string, number>();
  #ticking: Promise<void> | undefined;

  constructor(options: LiveFeedOptions) {
    this.#options = options;
  }

  /** Connected streams. */
  get clients(): number {
    return this.#writers.size;
  }

  /** Adds a stream; the first one starts the feed. */
  join(write: (text: string) => void): LiveClient {
    this.#writers.add(write);
    if (this.#writers.size === 1) this.#start();
    return {
      leave: () => {
        this.#writers.delete(write);
        if (this.#writers.size === 0) this.#stop();
      },
    };
  }

  /** Sends an event now (an operator's control, as it happens). */
  publish(event: LiveEvent): void {
    if (this.#writers.size === 0) return;
    this.#broadcast(frame(event));
  }

  /** One tick: the sweep snapshot and the changes since the cursor (tests and the benchmark call it). */
  async tick(): Promise<void> {
    this.#ticking ??= this.#tick().finally(() => {
      this.#ticking = undefined;
    });
    await this.#ticking;
  }

  /** Ends every stream (the server is closing). */
  close(): void {
    this.#writers.clear();
    this.#stop();
  }

  #start(): void {
    this.#timer = setInterval(() => void this.tick(), this.#options.intervalMs);
    this.#keepalive = setInterval(() => this.#broadcast(': keepalive\n\n'), KEEPALIVE_MS);
    this.#timer.unref();
    this.#keepalive.unref();
    void this.tick();
  }

  #stop(): void {
    clearInterval(this.#timer);
    clearInterval(this.#keepalive);
    this.#timer = undefined;
    this.#keepalive = undefined;
    this.#cursor = undefined;
    this.#seen.clear();
  }

  async #tick(): Promise<void> {
    if (this.#writers.size === 0) return;
    const { store, account, render } = this.#options;
    try {
      this.#cursor ??= await readChangeCursor(store, account);
      const since = this.#cursor;
      const back = (at: Date) => new Date(at.getTime() - OVERLAP_MS);
      const [snapshot, changes] = await Promise.all([
        this.#options.snapshot(),
        readChangesSince(store, {
          account,
          since: { decisions: back(since.decisions), fills: back(since.fills), orders: back(since.orders) },
          limit: BATCH,
        }),
      ]);
      const frames: string[] = [];
      for (const row of changes.decisions)
        if (this.#fresh(`d:${row.decisionId}`, row.createdAt))
          frames.push(frame({ event: 'decision', data: render.decision(row) }));
      for (const row of changes.fills)
        if (this.#fresh(`f:${row.id}`, row.createdAt))
          frames.push(frame({ event: 'fill', data: render.fill(row) }));
      for (const row of changes.orders)
        if (this.#fresh(`o:${row.id}:${row.updatedAt.getTime()}`, row.updatedAt))
          frames.push(frame({ event: 'order', data: render.order(row) }));
      frames.push(frame({ event: 'sweep', data: snapshot }));
      this.#cursor = {
        decisions: newest(
          since.decisions,
          changes.decisions.map((row) => row.createdAt),
        ),
        fills: newest(
          since.fills,
          changes.fills.map((row) => row.createdAt),
        ),
        orders: newest(
          since.orders,
          changes.orders.map((row) => row.updatedAt),
        ),
      };
      this.#forget();
      this.#broadcast(frames.join(''));
    } catch (error) {
      this.#options.logger.warn({ err: error }, 'live feed: a tick failed; the next one retries');
    }
  }

  // True the first time a row (by key) is seen within the overlap window.
  #fresh(key: string, at: Date): boolean {
    if (this.#seen.has(key)) return false;
    this.#seen.set(key, at.getTime());
    return true;
  }

  // Keys older than the overlap behind every cursor can no longer come back.
  #forget(): void {
    const cursor = this.#cursor;
    if (cursor === undefined) return;
    const oldest =
      Math.min(cursor.decisions.getTime(), cursor.fills.getTime(), cursor.orders.getTime()) - 2 * OVERLAP_MS;
    for (const [key, at] of this.#seen) if (at < oldest) this.#seen.delete(key);
  }

  #broadcast(text: string): void {
    for (const write of this.#writers) {
      try {
        write(text);
      } catch {
        this.#writers.delete(write);
      }
    }
  }
}

/** One server-sent event. */
export function frame(event: LiveEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

function newest(current: Date, times: readonly Date[]): Date {
  let best = current.getTime();
  for (const time of times) if (time.getTime() > best) best = time.getTime();
  return new Date(best);
}
