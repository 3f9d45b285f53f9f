import { describe, expect, it } from 'vitest';
import { hooklineBody, strategyBody } from './support/alert-bodies.js';
import { useIngressDatabase } from './support/ingress-harness.js';

const ingress = useIngressDatabase();

describe('POST /webhook: duplicates', () => {
  it('when the same id arrives twice then the second is 200 duplicate, stored DUPLICATE, and not handed on', async () => {
    const subject = ingress();

    const first = await subject.post(hooklineBody({ id: 'bar-42' }));
    subject.clock.advance(3_600_000); // an id is a duplicate however late it repeats
    const second = await subject.post(hooklineBody({ id: 'bar-42', price: '64000' }));
    await subject.acceptedCount(2);

    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(200);
    expect(second.json).toEqual({
      status: 'duplicate',
      alertId: expect.any(String),
      duplicateOf: first.json.alertId,
    });
    expect(await subject.rows()).toMatchObject([
      { status: 'ACCEPTED', idempotencyKey: 'tradingview:id:buy:bar-42' },
      { status: 'DUPLICATE', reason: 'DUPLICATE_ALERT', parsedPayload: { duplicateOf: first.json.alertId } },
    ]);
    expect(subject.accepted).toHaveLength(1);
  });

  it('when a buy and an exit share an id then both are accepted (the action is part of the key)', async () => {
    const subject = ingress();

    const buy = await subject.post(hooklineBody({ id: 'bar-42' }));
    const exit = await subject.post(hooklineBody({ id: 'bar-42', action: 'exit' }));

    expect([buy.statusCode, exit.statusCode]).toEqual([202, 202]);
  });

  it.each([
    ['1 s later', 1_000, 200],
    ['59 s later', 59_000, 200],
    ['61 s later', 61_000, 202],
  ])(
    'when the same content without an id repeats %s then it is answered %i',
    async (_name, laterMs, status) => {
      const subject = ingress();
      subject.clock.set(Date.parse('2024-05-01T12:00:50.000Z')); // near a window edge: 59 s later crosses it

      await subject.post(strategyBody());
      subject.clock.advance(laterMs);
      const repeat = await subject.post(strategyBody({ order_price: 65010 })); // price moves between deliveries
      await subject.acceptedCount(status === 202 ? 2 : 1);

      expect(repeat.statusCode).toBe(status);
      expect(subject.accepted).toHaveLength(status === 202 ? 2 : 1);
    },
  );

  it('when the same content asks for a different size then it is a new alert', async () => {
    const subject = ingress();

    await subject.post(strategyBody());
    const other = await subject.post(strategyBody({ order_contracts: 0.02 }));

    expect(other.statusCode).toBe(202);
  });

  it('when ten copies arrive at once then exactly one is accepted and handed on', async () => {
    const subject = ingress();

    const responses = await Promise.all(Array.from({ length: 10 }, () => subject.post(strategyBody())));
    await subject.acceptedCount(1);

    expect(responses.map((response) => response.statusCode).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 202,
    ]);
    expect(subject.accepted).toHaveLength(1);
    const rows = await subject.rows();
    expect(rows.filter((row) => row.status === 'ACCEPTED')).toHaveLength(1);
  });

  it('when onAccepted throws then the answer is still 202 and the failure is logged', async () => {
    const subject = ingress({
      onAccepted: () => {
        throw new Error('queue down');
      },
    });

    const response = await subject.post(hooklineBody());
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(response.statusCode).toBe(202);
    expect(subject.logLines.join('\n')).toMatch(/handing on an accepted alert failed.*|queue down/);
  });
});
