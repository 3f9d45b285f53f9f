// sighook's entry as an alert: the same `alerts` row and `alert.process` job as a TradingView alert
// (one path for every entry: docs/architecture.md, "Data flow: candles → matrix → entries"), built
// here so the writer (sighook) and the reader (the webhook's alert processor) share one definition.
import { createHash } from 'node:crypto';
import type { AlertRecordPayload } from '../alerts/alert-record-payload.js';
import type { NormalizedAlert } from '../alerts/normalized-alert.js';
import type { MatrixRow } from '../matrix/matrix-row.js';

/** What sighook stores for one entry (source SIGHOOK, status ACCEPTED). */
export interface SighookEntryAlert {
  /** `sighook:{symbol}:{timeframe}:{candle_time}`: unique, so at most one entry per symbol per candle. */
  readonly idempotencyKey: string;
  /** The decision id the processor gives the decision, derived from the key (same key, same id). */
  readonly decisionId: string;
  readonly alert: NormalizedAlert;
  /** `alerts.parsed_payload`: the normalised alert and the decision id. */
  readonly payload: AlertRecordPayload & { readonly decisionId: string };
  /** `alerts.raw_body`: the matrix row that asked for the entry, as JSON. */
  readonly rawBody: string;
}

/** The idempotency key of sighook's entry on one candle (candle time as ISO-8601 UTC). */
export function sighookEntryKey(symbol: string, timeframe: string, candleTime: string): string {
  return `sighook:${symbol}:${timeframe}:${new Date(candleTime).toISOString()}`;
}

/**
 * A UUIDv8 (RFC 9562) over SHA-256 of the account and the entry's key: a replayed or re-enqueued entry
 * decides under the same id, so its client order id (derived from the decision id) is the same too.
 * The account is part of it because every account's sighook writes an entry for the same candle under
 * the same key, and a decision id names one decision of one account.
 */
export function sighookDecisionId(account: string, idempotencyKey: string): string {
  const bytes = createHash('sha256')
    .update(`decision#${account}#${idempotencyKey}`, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = 0x80 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The entry alert of a BUY matrix row: a buy of the row's symbol with the default size and order
 * type (the webhook's entry settings decide them), `price` the candle's close as decimal text (a
 * reference only: the executor prices from the order book), `time` when the row was computed.
 * The template is `hookline` because the alert carries exactly the Hookline template's fields.
 */
export function sighookEntryAlert(
  account: string,
  row: MatrixRow,
  closePrice: string | null,
): SighookEntryAlert {
  const idempotencyKey = sighookEntryKey(row.symbol, row.timeframe, row.candle_time);
  const decisionId = sighookDecisionId(account, idempotencyKey);
  const alert: NormalizedAlert = {
    template: 'hookline',
    id: idempotencyKey,
    action: 'buy',
    symbol: row.symbol,
    ticker: row.symbol,
    exchange: null,
    price: closePrice,
    time: new Date(row.computed_at).toISOString(),
    size: null,
    orderType: null,
  };
  return { idempotencyKey, decisionId, alert, payload: { alert, decisionId }, rawBody: JSON.stringify(row) };
}
