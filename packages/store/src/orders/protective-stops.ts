// The protective stops of an account: our exchange-resident STOP_LIMIT sells at the hard-stop level
// (trade_records with exit_reason PROTECTIVE_STOP). The sentinel's keeper keeps one per open position
// and reads them every sweep, so the read carries only what the keeper decides on (with thousands of
// positions, whole order records cost more than the decisions).
import { type Decimal, DecimalInterner, type OrderStatus } from '@hookline/core';
import { queryRows, type Store } from '../store.js';
import { WORKING_ORDER_STATUSES } from './working-statuses.js';

/** One working protective stop, as the keeper sees it. */
export interface WorkingProtectiveStop {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly status: OrderStatus;
  readonly size: Decimal;
  readonly filledSize: Decimal;
  /** The trigger; null only for a row that is no STOP_LIMIT. */
  readonly stopPrice: Decimal | null;
  readonly price: Decimal | null;
}

// The same stops come back every sweep until one is placed, filled or canceled: their numbers are
// parsed once (40,000 Decimals a sweep at 10,000 positions otherwise).
const decimals = new DecimalInterner();

/** The account's protective stops still working (NEW to PENDING_CANCEL), oldest first. */
export async function readWorkingProtectiveStops(
  store: Store,
  account: string,
): Promise<WorkingProtectiveStop[]> {
  const rows = await queryRows<{
    client_order_id: string;
    symbol: string;
    status: OrderStatus;
    size: string;
    filled_size: string;
    stop_price: string | null;
    price: string | null;
  }>(
    store,
    `SELECT client_order_id, symbol, status::text AS status, size::text AS size,
            filled_size::text AS filled_size, stop_price::text AS stop_price, price::text AS price
     FROM trade_records
     WHERE account = $1 AND exit_reason = 'PROTECTIVE_STOP' AND status::text = ANY($2::text[])
     ORDER BY order_time, client_order_id`,
    [account, [...WORKING_ORDER_STATUSES]],
  );
  return rows.map((row) => ({
    clientOrderId: row.client_order_id,
    symbol: row.symbol,
    status: row.status,
    size: decimals.of(row.size),
    filledSize: decimals.of(row.filled_size),
    stopPrice: row.stop_price === null ? null : decimals.of(row.stop_price),
    price: row.price === null ? null : decimals.of(row.price),
  }));
}
