// /readyz reports the fill stream and the exchange circuit (docs/architecture.md, "Health"). Both are
// reported but not critical: while either is down, alerts must still be accepted and stored (the
// risk gate refuses entries on an OFFLINE circuit, and fills still arrive by the REST backfill), and
// a red readiness would take the replica out of the load balancer and lose TradingView's alerts.
import type { Clock } from '@hookline/core';
import type { ExchangePort } from '@hookline/exchange';
import type { ReadinessCheck } from '@hookline/runtime';
import { readCircuit } from '../controls/exchange-circuit.js';
import type { FillConsumer } from './fill-consumer.js';

/** A disconnect shorter than this is a reconnect in progress, not a problem. */
const RECONNECT_GRACE_MS = 30_000;

/** `fill-stream`: ok while connected (or another replica consumes); red after a long disconnect. */
export function fillStreamCheck(fills: Pick<FillConsumer, 'streamStatus'>, clock: Clock): ReadinessCheck {
  return {
    name: 'fill-stream',
    critical: false,
    run: async () => {
      const { consuming, stream } = fills.streamStatus();
      if (!consuming) return { ok: true, detail: 'another replica holds the fill lease and consumes' };
      if (stream === undefined) return { ok: false, detail: 'subscribed; not connected yet' };
      const forMs = clock.nowMs() - stream.since.getTime();
      if (stream.connected) return { ok: true, detail: { connectedForMs: forMs } };
      return {
        ok: forMs < RECONNECT_GRACE_MS,
        detail: { disconnectedForMs: forMs, reason: stream.reason ?? 'unknown' },
      };
    },
  };
}

/** `exchange-circuit`: the circuit breaker's health; red while OFFLINE. */
export function exchangeCircuitCheck(exchange: ExchangePort): ReadinessCheck {
  return {
    name: 'exchange-circuit',
    critical: false,
    run: async () => {
      const circuit = readCircuit(exchange);
      return { ok: circuit.health !== 'OFFLINE', detail: { health: circuit.health } };
    },
  };
}
