// Two accounts, one deployment each (the service's own builder), on ONE PostgreSQL database and ONE
// Redis under the same base prefix, as docs/operations.md "Several accounts" runs them: each has its
// own venue (its own keys), settings and queues. Nothing of one may reach the other, and one's fault
// may not stall the other.
import { ExchangeError, type ExchangePort } from '@hookline/exchange';
import { jobQueuePrefixOf } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { JobQueues } from '../../src/jobs/job-queues.js';
import type { OnlineWebhookSystem } from '../../src/webhook-system.js';
import {
  buyAlertBody,
  type HarnessOptions,
  PaperVenue,
  postAlert,
  READ_TOKEN,
  SYMBOL,
  type TradingUnderTest,
  useTradingHarness,
  withOverrides,
} from '../support/trading-harness.js';

const MAIN = 'main';
const LAB = 'lab';
const HOUR_MS = 3_600_000;

/** A buy alert as ingress stores it (parsed payload of the Hookline template). */
function buyPayload(key: string) {
  return {
    alert: {
      template: 'hookline',
      id: key,
      action: 'buy',
      symbol: SYMBOL,
      ticker: 'COINBASE:BTCUSD',
      exchange: 'COINBASE',
      price: '60000',
      time: '2024-05-01T12:00:00.000Z',
      size: null,
      orderType: null,
    },
  };
}

/** The venue failing every ticker and order call (the account's exchange is down). */
function failing(exchange: ExchangePort): ExchangePort {
  const down = async (): Promise<never> => {
    throw new ExchangeError('TEMPORARY', 'lab venue unreachable');
  };
  return withOverrides(exchange, {
    fetchTicker: down,
    createOrder: down,
    fetchOrder: down,
    cancelOrder: down,
    fetchOpenOrders: down,
  });
}

describe('two accounts on one database and one Redis', () => {
  const harness = useTradingHarness();

  /** `main` on the harness's venue, `lab` on a venue of its own, both on the harness's database, Redis and prefix. */
  async function twoAccounts(lab: HarnessOptions | 'down' = {}) {
    const subject = await harness({ env: { HOOKLINE_ACCOUNT: MAIN } });
    const labVenue = new PaperVenue();
    const labSystem =
      lab === 'down'
        ? undefined
        : await subject.restart({ ...lab, env: { HOOKLINE_ACCOUNT: LAB }, venue: labVenue });
    return { subject, main: subject.system, lab: labSystem, labVenue };
  }

  it('when both accounts receive an alert with the same TradingView id then both are stored and each is decided, ordered and filled once by its own account', async () => {
    const { subject, main, lab, labVenue } = await twoAccounts();
    if (lab === undefined) throw new Error('lab is up in this test');
    const prisma = subject.database.prisma;
    const answers = [
      await subject.post(buyAlertBody('same-id')),
      await postAlert(lab.app, buyAlertBody('same-id')),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([202, 202]);

    await eventually(async () => (await prisma.tradeRecord.count({ where: { status: 'FILLED' } })) === 2, {
      what: 'both orders filled',
    });
    await eventually(async () => (await prisma.fill.count()) === 2, { what: 'both fills recorded' });

    const accounts: Array<[string, OnlineWebhookSystem, PaperVenue, PaperVenue]> = [
      [MAIN, main, subject.venue, labVenue],
      [LAB, lab, labVenue, subject.venue],
    ];
    const keys = new Set<string>();
    for (const [account, system, ownVenue, otherVenue] of accounts) {
      const [alert, ...moreAlerts] = await prisma.alert.findMany({ where: { account } });
      expect(moreAlerts).toEqual([]);
      expect(alert?.status).toBe('PROCESSED');
      keys.add(alert?.idempotencyKey ?? '');
      const decisions = await prisma.decision.findMany({ where: { alertId: alert?.id } });
      expect(decisions.map((decision) => [decision.account, decision.outcome])).toEqual([
        [account, 'ORDERED'],
      ]);
      const [order, ...moreOrders] = await prisma.tradeRecord.findMany({ where: { account } });
      expect(moreOrders).toEqual([]);
      expect(order?.decisionId).toBe(decisions[0]?.decisionId);
      expect(ownVenue.ordersWith(order?.clientOrderId ?? '')).toBe(1);
      expect(otherVenue.ordersWith(order?.clientOrderId ?? '')).toBe(0);
      expect((await prisma.fill.findMany({ where: { account } })).map((fill) => fill.orderId)).toEqual([
        order?.orderId,
      ]);
      // Processed exactly once, on its own account's queue: one job completed, none failed.
      const queue = system.pipeline.queues.queue('alert.process');
      expect(await queue.getJobCounts('completed', 'failed')).toEqual({ completed: 1, failed: 0 });
      // The read API shows the process's own account.
      for (const path of ['/api/alerts', '/api/orders', '/api/decisions']) {
        const read = await system.app.inject({
          method: 'GET',
          url: path,
          headers: { authorization: `Bearer ${READ_TOKEN}` },
        });
        const items = read.json().items as Array<{ account?: string }>;
        expect({ path, accounts: items.map((item) => item.account) }).toEqual({ path, accounts: [account] });
      }
    }
    // The same TradingView id, under one key per account.
    expect([...keys]).toEqual(['tradingview:id:buy:same-id']);
  });

  it("when an alert of one account reaches the other account's worker then that worker refuses it and records why, and its own account decides it", async () => {
    const { subject, main, lab } = await twoAccounts();
    if (lab === undefined) throw new Error('lab is up in this test');
    const prisma = subject.database.prisma;
    const answer = await postAlert(lab.app, buyAlertBody('lab-1'));
    const alertId = String(answer.json.alertId);

    // A misrouted job: lab's alert on main's queue.
    const jobId = await main.pipeline.queues.enqueue('alert.process', { alertId });

    const refused = await eventually(
      async () => {
        const job = await main.pipeline.queues.queue('alert.process').getJob(jobId);
        return job?.failedReason === undefined || job.failedReason === '' ? undefined : job;
      },
      { what: "main's refusal" },
    );
    expect(refused.failedReason).toBe(
      `alert ${alertId} belongs to account 'lab', and this worker trades 'main': refused, left to its own account (a job on the wrong account's queue)`,
    );
    expect(refused.attemptsMade).toBe(1);
    const decided = await eventually(async () => {
      const alert = await prisma.alert.findUnique({ where: { id: alertId } });
      return alert?.status === 'PROCESSED' ? alert : undefined;
    });
    expect(decided.account).toBe(LAB);
    expect(
      (await prisma.decision.findMany({ where: { alertId } })).map((decision) => decision.account),
    ).toEqual([LAB]);
    expect(await prisma.decision.count({ where: { account: MAIN } })).toBe(0);
  });

  // One account's fault; the other's alert must still be decided and filled, and nothing of the
  // faulty account may be taken by the healthy one (its worker, its sweeper).
  const faults: Array<{
    readonly fault: string;
    readonly lab: HarnessOptions | 'down';
    /** Gives lab its alerts; resolves to their ids. */
    readonly load: (subject: TradingUnderTest, lab: OnlineWebhookSystem | undefined) => Promise<string[]>;
  }> = [
    {
      fault: 'its webhook is down (alerts stored and queued, no worker)',
      lab: 'down',
      load: async (subject) => {
        // As ingress or sighook left them an hour ago: ACCEPTED rows, jobs on lab's own queue.
        const queues = new JobQueues({
          connection: subject.redis,
          prefix: jobQueuePrefixOf(LAB, subject.prefix),
        });
        const ids: string[] = [];
        for (let index = 0; index < 20; index += 1) {
          const alert = await subject.database.prisma.alert.create({
            data: {
              account: LAB,
              idempotencyKey: `tradingview:id:lab-${index}`,
              source: 'TRADINGVIEW',
              rawBody: '{}',
              parsedPayload: buyPayload(`lab-${index}`),
              status: 'ACCEPTED',
              receivedAt: new Date(subject.venue.clock.nowMs() - HOUR_MS),
            },
          });
          await queues.enqueue('alert.process', { alertId: alert.id });
          ids.push(alert.id);
        }
        expect(await queues.queue('alert.process').getJobCounts('wait')).toEqual({ wait: 20 });
        await queues.close();
        return ids;
      },
    },
    {
      fault: 'its exchange fails every call',
      lab: { wrapExchange: failing },
      load: async (_, lab) => await postLabAlerts(lab, 20),
    },
    {
      fault: 'a flood of its alerts',
      lab: {},
      load: async (_, lab) => await postLabAlerts(lab, 200),
    },
  ];

  it.each(faults)(
    'when the other account has a fault ($fault) then this account still decides and fills its alert, and takes none of the other account’s',
    async ({ lab: labOptions, load }) => {
      const { subject, main, lab } = await twoAccounts(labOptions);
      const prisma = subject.database.prisma;
      const labAlerts = await load(subject, lab);

      const answer = await subject.post(buyAlertBody('main-1'));
      expect(answer.statusCode).toBe(202);
      const mainAlertId = String(answer.json.alertId);

      const order = await eventually(
        async () => {
          const found = await prisma.tradeRecord.findFirst({ where: { account: MAIN, status: 'FILLED' } });
          return found ?? undefined;
        },
        { timeoutMs: 30_000, what: "main's order filled" },
      );
      const decision = await prisma.decision.findUniqueOrThrow({
        where: { decisionId: order.decisionId ?? '' },
      });
      expect(decision).toMatchObject({ account: MAIN, alertId: mainAlertId, outcome: 'ORDERED' });
      expect(subject.venue.ordersWith(order.clientOrderId)).toBe(1);
      // main's worker and main's sweeper never take lab's alerts, however stale they are.
      subject.venue.clock.advance(2 * HOUR_MS);
      const swept = await main.pipeline.sweeper.sweepOnce();
      expect(swept.backlog.alert).toBe(0);
      expect(await prisma.decision.count({ where: { account: MAIN } })).toBe(1);
      expect(
        await prisma.decision.count({ where: { alertId: { in: labAlerts }, account: { not: LAB } } }),
      ).toBe(0);
      expect(await prisma.tradeRecord.count({ where: { account: MAIN } })).toBe(1);
      expect(await prisma.alert.count({ where: { id: { in: labAlerts }, account: LAB } })).toBe(
        labAlerts.length,
      );
    },
  );

  it("when a down account's deployment comes back then it decides the alerts queued for it while it was down", async () => {
    const { subject } = await twoAccounts('down');
    const prisma = subject.database.prisma;
    const queues = new JobQueues({
      connection: subject.redis,
      prefix: jobQueuePrefixOf(LAB, subject.prefix),
    });
    const alert = await prisma.alert.create({
      data: {
        account: LAB,
        idempotencyKey: 'tradingview:id:while-down',
        source: 'TRADINGVIEW',
        rawBody: '{}',
        parsedPayload: buyPayload('while-down'),
        status: 'ACCEPTED',
        receivedAt: new Date(subject.venue.clock.nowMs()),
      },
    });
    await queues.enqueue('alert.process', { alertId: alert.id });
    await queues.close();

    await subject.restart({ env: { HOOKLINE_ACCOUNT: LAB }, venue: new PaperVenue() });

    const decision = await eventually(
      async () => (await prisma.decision.findFirst({ where: { alertId: alert.id } })) ?? undefined,
    );
    expect(decision.account).toBe(LAB);
  });
});

/** Posts `count` buy alerts to lab's app (distinct TradingView ids); resolves to their alert ids. */
async function postLabAlerts(lab: OnlineWebhookSystem | undefined, count: number): Promise<string[]> {
  if (lab === undefined) throw new Error('lab is up in this case');
  const answers = await Promise.all(
    Array.from({ length: count }, (_, index) => postAlert(lab.app, buyAlertBody(`lab-${index}`))),
  );
  expect(answers.map((answer) => answer.statusCode)).toEqual(answers.map(() => 202));
  return answers.map((answer) => String(answer.json.alertId));
}
