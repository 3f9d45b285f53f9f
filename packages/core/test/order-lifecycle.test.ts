import { describe, expect, it } from 'vitest';
import { isTerminal, type OrderEvent, type OrderStatus, orderStatuses, transition } from '../src/index.js';
import { canTransition, orderEvents } from '../src/order-lifecycle.js';

// The expected lifecycle, every (status, event) pair written out: a change to the table in
// src/order-lifecycle.ts must be repeated here on purpose. Rows are the current status, columns
// the event, cells the next status; "." means the event is refused.
const cellNames: Readonly<Record<string, OrderStatus>> = {
  NEW: 'NEW',
  SUB: 'SUBMITTED',
  OPEN: 'OPEN',
  PART: 'PARTIALLY_FILLED',
  FILL: 'FILLED',
  PCXL: 'PENDING_CANCEL',
  CXL: 'CANCELED',
  REJ: 'REJECTED',
  EXP: 'EXPIRED',
};
const columnNames: Readonly<Record<string, OrderEvent>> = {
  SUBMIT: 'SUBMIT',
  ACCEPT: 'ACCEPT',
  UNKNOWN: 'OUTCOME_UNKNOWN',
  REJECT: 'REJECT',
  PARTIAL: 'PARTIAL_FILL',
  FILL: 'FILL',
  REQ_CXL: 'REQUEST_CANCEL',
  CXL_OK: 'CANCEL_CONFIRMED',
  CXL_REJ: 'CANCEL_REJECTED',
  EXPIRE: 'EXPIRE',
  ABANDON: 'ABANDON',
};
const expectedGrid = `
                  SUBMIT  ACCEPT  UNKNOWN  REJECT  PARTIAL  FILL  REQ_CXL  CXL_OK  CXL_REJ  EXPIRE  ABANDON
NEW               SUB     .       .        .       .        .     .        .       .        .       CXL
SUBMITTED         SUB     OPEN    SUB      REJ     PART     FILL  PCXL     CXL     .        EXP     .
OPEN              .       OPEN    .        .       PART     FILL  PCXL     CXL     .        EXP     .
PARTIALLY_FILLED  .       PART    .        .       PART     FILL  PCXL     CXL     .        EXP     .
PENDING_CANCEL    .       PCXL    PCXL     REJ     PCXL     FILL  PCXL     CXL     PCXL     EXP     .
FILLED            .       FILL    FILL     .       .        .     .        .       FILL     .       .
CANCELED          .       CXL     CXL      .       CXL      FILL  .        CXL     CXL      .       .
REJECTED          .       .       .        REJ     .        .     .        .       .        .       .
EXPIRED           .       EXP     EXP      .       EXP      FILL  .        .       EXP      EXP     .
`;

type ExpectedCell = { status: OrderStatus; event: OrderEvent; next: OrderStatus | undefined };

function parseGrid(grid: string): ExpectedCell[] {
  const [header = '', ...rows] = grid.trim().split('\n');
  const events = header
    .trim()
    .split(/\s+/)
    .map((name) => columnNames[name]);
  expect(events).toEqual(orderEvents);
  expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(orderStatuses);
  return rows.flatMap((row) => {
    const [status, ...cells] = row.trim().split(/\s+/) as [OrderStatus, ...string[]];
    expect(cells, status).toHaveLength(orderEvents.length);
    return orderEvents.map((event, index) => {
      const cell = cells[index] ?? '?';
      const next = cell === '.' ? undefined : cellNames[cell];
      expect(cell === '.' || next !== undefined, `unknown cell ${cell}`).toBe(true);
      return { status, event, next };
    });
  });
}

const expectedCells = parseGrid(expectedGrid);

describe('order lifecycle table', () => {
  it('when the expected grid is read then it covers every status and event pair', () => {
    expect(expectedCells).toHaveLength(orderStatuses.length * orderEvents.length);
  });

  const allowed = expectedCells.filter((cell) => cell.next !== undefined);
  const refused = expectedCells.filter((cell) => cell.next === undefined);

  for (const { status, event, next } of allowed) {
    it(`when an order is ${status} and ${event} arrives then it becomes ${next}`, () => {
      expect(transition(status, event)).toEqual({ ok: true, next });
      expect(canTransition(status, event)).toBe(true);
    });
  }

  for (const { status, event } of refused) {
    it(`when an order is ${status} and ${event} arrives then the event is refused`, () => {
      const verdict = transition(status, event);

      expect(verdict.ok).toBe(false);
      expect(!verdict.ok && verdict.reason).toContain(`${event} does not fit status ${status}`);
      expect(canTransition(status, event)).toBe(false);
    });
  }
});

describe('order lifecycle properties', () => {
  it('when statuses are classified then exactly FILLED, CANCELED, REJECTED and EXPIRED are terminal', () => {
    expect(orderStatuses.filter(isTerminal)).toEqual(['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED']);
  });

  it('when an order is terminal then no event makes it working again', () => {
    const reopened = expectedCells.filter(
      (cell) => isTerminal(cell.status) && cell.next !== undefined && !isTerminal(cell.next),
    );

    expect(reopened).toEqual([]);
  });

  it('when an outcome is unknown then the order is never rejected', () => {
    for (const status of orderStatuses) {
      const verdict = transition(status, 'OUTCOME_UNKNOWN');
      expect(verdict.ok && verdict.next === 'REJECTED', status).toBe(false);
    }
  });

  it('when a completing fill arrives after the order was sent and before it filled then it is accepted', () => {
    // NEW was never sent, REJECTED never existed, FILLED has nothing left: a fill there is an anomaly.
    const fillable = orderStatuses.filter((status) => !['NEW', 'REJECTED', 'FILLED'].includes(status));
    for (const status of fillable) {
      expect(canTransition(status, 'FILL'), status).toBe(true);
    }
  });

  it('when the lifecycle is walked from NEW then every status is reachable', () => {
    const reached = new Set<OrderStatus>(['NEW']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const cell of expectedCells) {
        if (reached.has(cell.status) && cell.next !== undefined && !reached.has(cell.next)) {
          reached.add(cell.next);
          changed = true;
        }
      }
    }

    expect([...reached].sort()).toEqual([...orderStatuses].sort());
  });
});
