// The sentinel's clock: a sweep every interval, on one replica per account (the lease holder), never
// two at once. A tick that finds the previous sweep still running is skipped and counted, not queued:
// sweeps piling up behind a slow exchange would act on ever older data. After each completed sweep
// the leader writes the heartbeat with an expiry of three intervals, so a stalled or crashed loop
// lets it expire and /readyz goes red.
import type { Clock } from '@hookline/core';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Lease } from '../../leases/redis-lease.js';
import type { SweepReport } from './sweep-report.js';

/** What the loop drives. */
export interface SentinelLoopOptions {
  /** One sweep of the account. */
  readonly sweep: () => Promise<SweepReport>;
  readonly intervalMs: number;
  /** undefined: no other replica can run (replay, tests): always the leader. */
  readonly lease: Lease | undefined;
  /** Where the heartbeat goes (heartbeatKey('sentinel')); undefined: none. */
  readonly heartbeat: { readonly redis: Redis; readonly key: string } | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Runs sweeps on a timer under the lease. */
export class SentinelLoop {
  readonly #options: SentinelLoopOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<SweepReport | undefined> | undefined;
  #skippedTicks = 0;
  #leader = false;
  #last: SweepReport | undefined;
  #sweeps = 0;

  constructor(options: SentinelLoopOptions) {
    this.#options = options;
  }

  /** Ticks skipped because the previous sweep was still running. */
  get skippedTicks(): number {
    return this.#skippedTicks;
  }

  /** True when this replica held the lease at its last tick. */
  get isLeader(): boolean {
    return this.#leader;
  }

  /** Sweeps this replica completed since it started (with replicas, only the leader's count grows). */
  get sweepsCompleted(): number {
    return this.#sweeps;
  }

  /** The last completed sweep of this replica. */
  get lastReport(): SweepReport | undefined {
    return this.#last;
  }

  /** Sweeps now, then every interval, until stop(). */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => this.#tick(), this.#options.intervalMs);
    this.#timer.unref();
    this.#tick();
  }

  /** Stops the timer, waits for a running sweep, gives the lease up (another replica takes over). */
  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
    try {
      await this.#options.lease?.release();
    } catch (error) {
      this.#options.logger.warn({ err: error }, 'exit sentinel: lease not released; it expires on its own');
    }
    this.#leader = false;
  }

  /**
   * One sweep now, after the one running (if any), under the same lease and heartbeat rules as a
   * tick. Undefined when another replica holds the lease or the sweep failed.
   */
  async sweepOnce(): Promise<SweepReport | undefined> {
    while (this.#running !== undefined) await this.#running;
    return await this.#begin();
  }

  #tick(): void {
    if (this.#running !== undefined) {
      this.#skippedTicks += 1;
      this.#options.logger.warn(
        { skippedTicks: this.#skippedTicks, intervalMs: this.#options.intervalMs },
        'exit sentinel: previous sweep still running; tick skipped',
      );
      void this.#keepLease();
      return;
    }
    void this.#begin();
  }

  // A sweep longer than the lease's TTL must not let another replica lead beside it: the skipped
  // tick renews the lease the running sweep works under.
  async #keepLease(): Promise<void> {
    const lease = this.#options.lease;
    if (lease === undefined || !this.#leader) return;
    try {
      if (!(await lease.renew())) {
        this.#leader = false;
        this.#options.logger.error('exit sentinel: lease lost during a long sweep; another replica may lead');
      }
    } catch (error) {
      this.#options.logger.warn({ err: error }, 'exit sentinel: lease not renewed during a long sweep');
    }
  }

  #begin(): Promise<SweepReport | undefined> {
    const running = this.#pass().finally(() => {
      if (this.#running === running) this.#running = undefined;
    });
    this.#running = running;
    return running;
  }

  async #pass(): Promise<SweepReport | undefined> {
    if (!(await this.#holdsLease())) return undefined;
    let report: SweepReport;
    try {
      report = await this.#options.sweep();
    } catch (error) {
      // No heartbeat: a sentinel that keeps failing must show as not ready.
      this.#options.logger.error({ err: error }, 'exit sentinel: sweep failed');
      return undefined;
    }
    this.#last = report;
    this.#sweeps += 1;
    await this.#beat();
    return report;
  }

  async #holdsLease(): Promise<boolean> {
    const lease = this.#options.lease;
    if (lease === undefined) {
      this.#leader = true;
      return true;
    }
    try {
      this.#leader = await lease.acquire();
    } catch (error) {
      this.#options.logger.warn({ err: error }, 'exit sentinel: lease not reachable; not sweeping');
      this.#leader = false;
    }
    return this.#leader;
  }

  async #beat(): Promise<void> {
    const heartbeat = this.#options.heartbeat;
    if (heartbeat === undefined) return;
    const { clock, intervalMs } = this.#options;
    try {
      await heartbeat.redis.set(heartbeat.key, clock.now().toISOString(), 'PX', intervalMs * 3);
    } catch (error) {
      this.#options.logger.warn({ err: error }, 'exit sentinel: heartbeat not written');
    }
  }
}
