// The shape of the outage scenarios: steady load, then a fault for a while, then the end of the fault,
// load a little longer, and the service running again (restarted by its supervisor if it gave up).
import type { ChaosSystem } from './chaos-system.js';

/** When the fault began and ended, and what the service did meanwhile. */
export interface OutageTimes {
  readonly faultStartedAtMs: number;
  readonly faultEndedAtMs: number;
  readonly details: Record<string, unknown>;
}

/** Load of `senders` concurrent senders, each pausing this long between alerts. */
const LOAD = { senders: 4, pauseMs: 50 } as const;

/** Alerts sent at once just before the fault. */
const BACKLOG = 80;

/** Runs `begin`, waits `durationMs`, runs `end`, all under steady load; returns the fault's times. */
export async function outageUnderLoad(
  system: ChaosSystem,
  fault: { readonly durationMs: number; begin(): Promise<void>; end(): Promise<void> },
): Promise<OutageTimes> {
  const traffic = system.load.steady(LOAD.senders, LOAD.pauseMs);
  await sleep(4_000); // warm: the first alerts of a fresh process are slow
  // A backlog right before the fault, so jobs are queued and running when it strikes.
  await system.load.burst(BACKLOG, 16);
  const faultStartedAtMs = Date.now();
  await fault.begin();
  await sleep(fault.durationMs);
  await fault.end();
  const faultEndedAtMs = Date.now();
  await sleep(3_000);
  await traffic.stop();
  await system.webhook.awaitRunning();
  const exits = system.webhook.unplannedExits();
  return {
    faultStartedAtMs,
    faultEndedAtMs,
    details: {
      faultMs: faultEndedAtMs - faultStartedAtMs,
      webhookExitsDuringFault: exits.map((exit) => ({ ...exit, atMs: exit.atMs - faultStartedAtMs })),
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
