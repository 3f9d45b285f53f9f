// The rows the store hands to the apps. They are the database rows with the side in the domain's
// spelling (`buy`/`sell`); every other column keeps its database name and Decimal type. Map a row
// with the matching function before it leaves the store.
import type { Alert, Decision, Fill, PositionState, SignalMatrix, TradeRecord } from '@hookline/db';
import type { OrderSide } from '@hookline/exchange';
import { fromDbSide } from './side.js';

/** One trade_records row: an order we placed or imported. */
export type OrderRecord = Omit<TradeRecord, 'side'> & { readonly side: OrderSide };

/** One fills row: an exchange execution. */
export type FillRecord = Omit<Fill, 'side'> & { readonly side: OrderSide };

/** One decisions row: an entry or exit verdict with its reason and inputs. */
export type DecisionRecord = Omit<Decision, 'side'> & { readonly side: OrderSide | null };

/** One alerts row: an inbound alert, accepted or not. */
export type AlertRecord = Alert;

/** One signal_matrix row. */
export type MatrixRecord = SignalMatrix;

/** One position_state row. */
export type PositionStateRecord = PositionState;

/** The order row with the domain's side. */
export function toOrderRecord(row: TradeRecord): OrderRecord {
  return { ...row, side: fromDbSide(row.side) };
}

/** The fill row with the domain's side. */
export function toFillRecord(row: Fill): FillRecord {
  return { ...row, side: fromDbSide(row.side) };
}

/** The decision row with the domain's side. */
export function toDecisionRecord(row: Decision): DecisionRecord {
  return { ...row, side: row.side === null ? null : fromDbSide(row.side) };
}
