/** Every status an order can be in: the working ones first, then the terminal ones. */
export const orderStatuses = [
  'NEW',
  'SUBMITTED',
  'OPEN',
  'PARTIALLY_FILLED',
  'PENDING_CANCEL',
  'FILLED',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
] as const;

/** The status of an order; only transition() decides the next one. */
export type OrderStatus = (typeof orderStatuses)[number];

/** Everything that can happen to an order, in the order of the lifecycle. */
export const orderEvents = [
  'SUBMIT', // we are sending the order (recorded before the request leaves)
  'ACCEPT', // the exchange acknowledged it and it rests on the book
  'OUTCOME_UNKNOWN', // a request timed out or its connection dropped: it may or may not have taken effect
  'REJECT', // a definitive refusal by the exchange, or a lookup proving the order was never placed
  'PARTIAL_FILL', // a fill that leaves part of the order's size unfilled
  'FILL', // a fill that brings the filled quantity to the order's full size
  'REQUEST_CANCEL', // we are sending a cancel request
  'CANCEL_CONFIRMED', // the exchange says the order is canceled (by us or by itself)
  'CANCEL_REJECTED', // the exchange refused our cancel request
  'EXPIRE', // time in force ran out (IOC/FOK remainder, good-till-date)
  'ABANDON', // we drop an intent that was never sent
] as const;

/** Something that happened to an order. */
export type OrderEvent = (typeof orderEvents)[number];

/** The verdict of transition(): the next status, or why the event does not fit. */
export type TransitionVerdict = { ok: true; next: OrderStatus } | { ok: false; reason: string };

const terminalStatuses: ReadonlySet<OrderStatus> = new Set(['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED']);

// The order lifecycle, the one place that says which status follows which event. A missing entry
// means the event does not fit the status. A refused event changes nothing: the caller keeps the
// status and reports it (ORDER_TRANSITION_REFUSED) to the reconciler. Fills are facts: the ledger
// records every fill whatever the order's status, so a refusal here never drops a quantity.
const transitions: Readonly<Record<OrderStatus, Partial<Record<OrderEvent, OrderStatus>>>> = {
  NEW: {
    SUBMIT: 'SUBMITTED',
    // SUBMIT is recorded before the request leaves, so a NEW order cannot exist at the exchange.
    ABANDON: 'CANCELED',
  },
  SUBMITTED: {
    // A retry after an unknown outcome, always with the same client order id, which the exchange dedupes.
    SUBMIT: 'SUBMITTED',
    ACCEPT: 'OPEN',
    // Unknown outcome is not rejection: the order stays in flight until a fill, a lookup or reconciliation.
    OUTCOME_UNKNOWN: 'SUBMITTED',
    REJECT: 'REJECTED',
    // The ack was lost or arrives after the fill (marketable orders fill at once): fills count anyway.
    PARTIAL_FILL: 'PARTIALLY_FILLED',
    FILL: 'FILLED',
    // Cancel by client order id before the ack arrives (an exit must clear the symbol first).
    REQUEST_CANCEL: 'PENDING_CANCEL',
    // The exchange canceled it before any ack (post-only that would cross, self-trade prevention).
    CANCEL_CONFIRMED: 'CANCELED',
    // An IOC/FOK order that found no liquidity expires at once, often with no separate ack.
    EXPIRE: 'EXPIRED',
  },
  OPEN: {
    // Duplicate ack: the REST answer and the WebSocket both report it.
    ACCEPT: 'OPEN',
    PARTIAL_FILL: 'PARTIALLY_FILLED',
    FILL: 'FILLED',
    REQUEST_CANCEL: 'PENDING_CANCEL',
    // Canceled without our request (self-trade prevention, venue maintenance, a cancel from the UI).
    CANCEL_CONFIRMED: 'CANCELED',
    EXPIRE: 'EXPIRED',
  },
  PARTIALLY_FILLED: {
    // The ack arrives after the first fill.
    ACCEPT: 'PARTIALLY_FILLED',
    PARTIAL_FILL: 'PARTIALLY_FILLED',
    FILL: 'FILLED',
    REQUEST_CANCEL: 'PENDING_CANCEL',
    CANCEL_CONFIRMED: 'CANCELED',
    // The usual end of an IOC order: part filled, the remainder expired.
    EXPIRE: 'EXPIRED',
  },
  PENDING_CANCEL: {
    // The ack raced our cancel request (cancel sent while SUBMITTED); the cancel is still in flight.
    ACCEPT: 'PENDING_CANCEL',
    // The cancel request timed out: it may have taken effect; a lookup or the stream will tell.
    OUTCOME_UNKNOWN: 'PENDING_CANCEL',
    // We asked to cancel before the ack, and the exchange's answer to the order itself is a refusal.
    REJECT: 'REJECTED',
    // A fill raced the cancel: the quantity counts and the cancel still stands for the rest.
    PARTIAL_FILL: 'PENDING_CANCEL',
    // The fill won the race: everything traded and the cancel will be refused.
    FILL: 'FILLED',
    // Re-sending a cancel is safe: cancels are idempotent.
    REQUEST_CANCEL: 'PENDING_CANCEL',
    CANCEL_CONFIRMED: 'CANCELED',
    // Venues refuse a cancel when the order is no longer open (filled or canceled: the report follows)
    // or on a passing error (send the cancel again); the refusal alone does not say which.
    CANCEL_REJECTED: 'PENDING_CANCEL',
    // Expiry raced the cancel; the order is gone either way.
    EXPIRE: 'EXPIRED',
  },
  FILLED: {
    // Late ack after the fill.
    ACCEPT: 'FILLED',
    // A cancel request that timed out while the final fill was arriving.
    OUTCOME_UNKNOWN: 'FILLED',
    // The cancel was rejected because the order was already filled.
    CANCEL_REJECTED: 'FILLED',
  },
  CANCELED: {
    // Late ack after the cancel.
    ACCEPT: 'CANCELED',
    // A cancel request that timed out while the confirmation arrived by another path.
    OUTCOME_UNKNOWN: 'CANCELED',
    // Exchanges may report the cancel before the last trade. The fill is accepted and its quantity
    // recorded; the status stays CANCELED because nothing is working any more (as venues report a
    // partly filled, canceled order), where PARTIALLY_FILLED would invite another cancel.
    PARTIAL_FILL: 'CANCELED',
    // A late fill completing the whole size: the cancel took nothing, so FILLED tells the truth.
    FILL: 'FILLED',
    // Duplicate confirmation: the REST answer and the WebSocket both report it.
    CANCEL_CONFIRMED: 'CANCELED',
    // A re-sent cancel refused because the order is already canceled.
    CANCEL_REJECTED: 'CANCELED',
  },
  REJECTED: {
    // Duplicate rejection. Anything else contradicts a definitive refusal and goes to the reconciler.
    REJECT: 'REJECTED',
  },
  EXPIRED: {
    // Late ack (IOC orders expire in the same instant they are accepted).
    ACCEPT: 'EXPIRED',
    // A cancel request that timed out while the order expired.
    OUTCOME_UNKNOWN: 'EXPIRED',
    // The expiry is reported before the last trade of the IOC: as after a cancel, the fill counts.
    PARTIAL_FILL: 'EXPIRED',
    FILL: 'FILLED',
    // A cancel refused because the order had just expired.
    CANCEL_REJECTED: 'EXPIRED',
    // Duplicate expiry report.
    EXPIRE: 'EXPIRED',
  },
};

/** The status that follows the event, or why the event does not fit the status. Never throws. */
export function transition(status: OrderStatus, event: OrderEvent): TransitionVerdict {
  const next = transitions[status][event];
  if (next !== undefined) return { ok: true, next };
  const terminal = isTerminal(status) ? ' (a terminal status)' : '';
  return { ok: false, reason: `order event ${event} does not fit status ${status}${terminal}` };
}

/** True when the event is allowed in the status. */
export function canTransition(status: OrderStatus, event: OrderEvent): boolean {
  return transitions[status][event] !== undefined;
}

/** True when the order no longer works at the exchange (late reports may still be applied). */
export function isTerminal(status: OrderStatus): boolean {
  return terminalStatuses.has(status);
}
