// Which order statuses still work at the exchange (or may be about to): every status the order
// lifecycle table does not call terminal. One definition for every "working orders" read.
import { isTerminal, type OrderStatus, orderStatuses } from '@hookline/core';

/** NEW, SUBMITTED, OPEN, PARTIALLY_FILLED, PENDING_CANCEL: the non-terminal statuses of core's table. */
export const WORKING_ORDER_STATUSES: readonly OrderStatus[] = orderStatuses.filter(
  (status) => !isTerminal(status),
);
