import { type Decimal, type OrderStatus, ZERO } from '@hookline/core';

/**
 * Our lifecycle status for a Coinbase order status (REST `status` and the user channel's), or
 * undefined for one we do not know. ccxt maps EXPIRED and FAILED to `canceled` and passes PENDING
 * and QUEUED through raw, so both the REST path and the stream read the venue's word.
 */
export function coinbaseOrderStatus(status: unknown, filled: Decimal): OrderStatus | undefined {
  switch (status) {
    case 'PENDING':
    case 'QUEUED':
      return 'SUBMITTED';
    case 'OPEN':
    case 'EDIT_QUEUED':
      return filled.greaterThan(ZERO) ? 'PARTIALLY_FILLED' : 'OPEN';
    case 'CANCEL_QUEUED':
      return 'PENDING_CANCEL';
    case 'FILLED':
      return 'FILLED';
    case 'CANCELLED':
      return 'CANCELED';
    case 'EXPIRED':
      return 'EXPIRED';
    case 'FAILED':
      return 'REJECTED';
    default:
      return undefined;
  }
}
