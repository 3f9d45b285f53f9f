import { dec, TestClock } from '@hookline/core';
import { createLogger } from '@hookline/runtime';
import { describe, expect, it } from 'vitest';
import type { StartExitRequest, StartExitResult } from '../../../src/exits/executor/exit-start.js';
import { Exits } from '../../../src/exits/executor/exits.js';

const request: StartExitRequest = {
  symbol: 'ETH/USD',
  reason: 'SOFT_STOP',
  positionAmount: dec('1'),
  ruleInputs: { test: true },
};

/** Exits over an executor that answers every start with `answer`, counting the starts. */
function exitsAnswering(answer: StartExitResult) {
  const clock = new TestClock(Date.parse('2024-05-01T12:00:00.000Z'));
  const started: StartExitRequest[] = [];
  const exits = new Exits({
    executor: {
      start: async (asked) => {
        started.push(asked);
        return answer;
      },
      advance: async () => [],
      activeExitSymbols: async () => new Set(),
    },
    clock,
    logger: createLogger({ level: 'silent', service: 'test' }),
    firstRetryMs: 30_000,
    maxRetryMs: 300_000,
  });
  return { exits, started, clock };
}

const dust: StartExitResult = {
  kind: 'NOT_SOLD',
  decisionId: 'd',
  code: 'DUST',
  detail: 'below the minimum',
};

describe('Exits: the one way to start an exit', () => {
  it('when the sweep asks again for an exit the executor refused then it is held back until the back-off ends', async () => {
    const { exits, started, clock } = exitsAnswering(dust);

    expect(await exits.start(request, { backOff: true })).toEqual(dust);
    expect(await exits.start(request, { backOff: true })).toBeUndefined();
    clock.advance(30_000);
    expect(await exits.start(request, { backOff: true })).toEqual(dust);

    expect(started).toHaveLength(2);
  });

  it('when the cap asks after a refusal then it is asked at once, and the dust it reports is remembered for that amount', async () => {
    const { exits, started } = exitsAnswering(dust);

    await exits.start(request, { backOff: true });
    await exits.start({ ...request, reason: 'CAP_ENFORCEMENT' }, { backOff: false });

    expect(started).toHaveLength(2);
    expect(exits.isDust('ETH/USD', dec('1'))).toBe(true);
    expect(exits.isDust('ETH/USD', dec('1.5'))).toBe(false);
    expect(exits.isDust('ETH/USD', dec('1'))).toBe(false); // another amount cleared the flag
  });

  it('when the operator asks (flatten) then the request passes straight through, neither held back nor remembered', async () => {
    const { exits, started } = exitsAnswering(dust);

    await exits.start(request);
    await exits.start(request);

    expect(started).toHaveLength(2);
    expect(exits.isDust('ETH/USD', dec('1'))).toBe(false);
    expect(await exits.start(request, { backOff: true })).toEqual(dust); // no back-off left behind
  });

  it('when a position closes then its back-off and dust are forgotten', async () => {
    const { exits, started } = exitsAnswering(dust);
    await exits.start(request, { backOff: true });

    exits.forget('ETH/USD');

    expect(exits.isDust('ETH/USD', dec('1'))).toBe(false);
    await exits.start(request, { backOff: true });
    expect(started).toHaveLength(2);
  });
});
