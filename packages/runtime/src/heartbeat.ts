import type { Clock } from '@hookline/core';
import type { Redis } from 'ioredis';
import type { ReadinessCheck } from './readiness.js';

/**
 * Redis key of a service's heartbeat of one account (an ISO timestamp). The account is part of it:
 * the deployments of several accounts share one Redis, and one account's live sentinel or sighook
 * must not make another's missing one look alive.
 */
export function heartbeatKey(service: string, account: string): string {
  return `hookline:heartbeat:${service}:${account}`;
}

/**
 * Writes `service`'s heartbeat to Redis now and then every `intervalMs`, so other processes (the webhook's
 * /readyz) can tell it is alive. The key expires after three intervals, so a dead process shows as absent.
 */
export function startHeartbeat(options: {
  redis: Redis;
  service: string;
  /** The account of the deployment the service belongs to. */
  account: string;
  intervalMs: number;
  clock: Clock;
  onError: (error: unknown) => void;
}): { beat(): Promise<void>; stop(): Promise<void> } {
  const { redis, service, intervalMs, clock } = options;
  const key = heartbeatKey(service, options.account);
  const beat = async () => {
    await redis.set(key, clock.now().toISOString(), 'PX', intervalMs * 3);
  };
  const timer = setInterval(() => beat().catch(options.onError), intervalMs);
  timer.unref();
  void beat().catch(options.onError);
  return {
    beat,
    stop: async () => {
      clearInterval(timer);
      await redis.del(key).catch(options.onError);
    },
  };
}

/** A readiness check that is ok while `service`'s heartbeat (of the account) is younger than `maxAgeMs`. */
export function heartbeatCheck(options: {
  redis: Redis;
  service: string;
  /** The account of the deployment the service belongs to. */
  account: string;
  maxAgeMs: number;
  clock: Clock;
}): ReadinessCheck {
  return {
    name: `heartbeat:${options.service}`,
    run: async () => {
      const value = await options.redis.get(heartbeatKey(options.service, options.account));
      if (!value) return { ok: false, detail: `no heartbeat from ${options.service}` };
      const ageMs = options.clock.nowMs() - Date.parse(value);
      return ageMs <= options.maxAgeMs
        ? { ok: true, detail: { ageMs } }
        : { ok: false, detail: { ageMs, reason: `older than ${options.maxAgeMs} ms` } };
    },
  };
}
