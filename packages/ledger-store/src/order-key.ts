// How fills are grouped into orders.
import type { NewFill } from './new-fill.js';

/** The order id a fill is grouped under: the exchange's, or one synthesized from the trade id. */
export function orderKeyOf(fill: NewFill): string {
  return fill.orderId ?? `trade:${fill.tradeId}`;
}

/** The text key of an order row: its unique (account, exchange, order id). */
export function orderRowKey(account: string, exchange: string, orderId: string): string {
  return `${account}\u0000${exchange}\u0000${orderId}`;
}
