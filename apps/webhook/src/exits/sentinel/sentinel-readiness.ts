// The sentinel's readiness checks: its heartbeat (written by whichever replica leads, read by all),
// and market data: red while a held position could not be evaluated because its data was stale.
import type { Clock } from '@hookline/core';
import { heartbeatCheck, type ReadinessCheck } from '@hookline/runtime';
import type { Redis } from 'ioredis';
import type { SentinelLoop } from './sentinel-loop.js';

/** Critical: the heartbeat of the sentinel must be younger than three intervals. */
export function sentinelHeartbeatCheck(options: {
  readonly redis: Redis;
  readonly clock: Clock;
  readonly service: string;
  readonly account: string;
  readonly intervalMs: number;
}): ReadinessCheck {
  return { ...heartbeatCheck({ ...options, maxAgeMs: options.intervalMs * 3 }), critical: true };
}

/**
 * Red while the last sweep of this replica found held positions with stale market data (named).
 * A replica that is not the leader does not sweep; the leader's own /readyz reports it.
 */
export function marketDataCheck(loop: SentinelLoop): ReadinessCheck {
  return {
    name: 'market-data',
    critical: true,
    run: async () => {
      const report = loop.lastReport;
      if (!loop.isLeader) return { ok: true, detail: 'the exit sentinel runs on another replica' };
      if (report === undefined) return { ok: true, detail: 'no sweep completed yet' };
      if (report.staleSymbols.length === 0) {
        return { ok: true, detail: { positions: report.positions, at: report.finishedAt.toISOString() } };
      }
      return {
        ok: false,
        detail: `stale market data for held positions, exits not evaluated: ${report.staleSymbols.join(', ')}`,
      };
    },
  };
}
