import { TestClock } from '@hookline/core';
import { describe, expect, it, vi } from 'vitest';
import { SignalLoop } from '../../src/publish/signal-loop.js';
import type { ComputedRow } from '../../src/publish/symbol-signals.js';

/** A symbol whose polls wait until the test releases them. */
function heldSymbol(symbol: string) {
  let release: () => void = () => undefined;
  const polls = { count: 0 };
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    polls,
    release: () => release(),
    signals: {
      symbol,
      poll: async (): Promise<ComputedRow[]> => {
        polls.count += 1;
        await gate;
        return [];
      },
    },
  };
}

function loopOver(...symbols: ReturnType<typeof heldSymbol>['signals'][]) {
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const publisher = { publish: vi.fn(async () => 0) };
  const loop = new SignalLoop({ symbols, publisher, clock: new TestClock(0), logger });
  return { loop, logger };
}

describe('signal loop', () => {
  it('when a poll is asked for while one runs then it joins the running one instead of overlapping', async () => {
    const held = heldSymbol('BTC/USD');
    const { loop } = loopOver(held.signals);

    const first = loop.pollOnce();
    const second = loop.pollOnce();
    held.release();

    expect(second).toBe(first);
    await first;
    expect(held.polls.count).toBe(1);
  });

  it('when stopped during a poll then stop() waits for it to finish', async () => {
    const held = heldSymbol('BTC/USD');
    const { loop } = loopOver(held.signals);
    const running = loop.pollOnce();
    let stopped = false;

    const stopping = loop.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const beforeRelease = stopped;
    held.release();
    await stopping;

    expect(beforeRelease).toBe(false);
    expect(stopped).toBe(true);
    await running;
  });

  it('when one symbol throws then the other symbols are polled and the failure is reported and logged', async () => {
    const healthy = heldSymbol('ETH/USD');
    healthy.release();
    const broken = {
      symbol: 'BTC/USD',
      poll: async (): Promise<ComputedRow[]> => Promise.reject(new Error('boom')),
    };
    const { loop, logger } = loopOver(broken, healthy.signals);

    const report = await loop.pollOnce();

    expect(report.failed).toEqual(new Map([['BTC/USD', 'boom']]));
    expect(healthy.polls.count).toBe(1);
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ symbol: 'BTC/USD' }),
      expect.any(String),
    );
    expect(await loop.readiness(60_000).run()).toMatchObject({
      ok: false,
      detail: { reason: 'no successful poll yet' },
    });
  });
});
