import { createHash } from 'node:crypto';
import type { NormalizedAlert } from '@hookline/schemas';

/** The key an accepted alert is stored under, and for content keys the key of the window before. */
export interface IdempotencyKeys {
  readonly key: string;
  /** Content keys only: the previous window's key, and since when a row under it still counts. */
  readonly previous?: { readonly key: string; readonly since: Date };
}

// Keys are namespaced by source and kind, so an alert id can never collide with a content hash, and
// rejected and duplicate rows (keyed `tradingview:rejected:…`, `tradingview:duplicate:…`) never
// occupy the key of an alert that could still be accepted.
const PREFIX = 'tradingview';

/**
 * The idempotency key of an alert. With an `id`: `tradingview:id:<action>:<id>`, forever (the action is
 * part of it so a buy and an exit that share a per-bar id are not mistaken for one another). Without:
 * a SHA-256 of what the alert asks for (symbol, action, size, order type; not price or time, which
 * move between two deliveries of the same signal) in windows of `windowSeconds` by receive time; the
 * previous window's key is returned too, so a repeat counts as a duplicate whenever it comes within
 * `windowSeconds` of the original, not only inside the same fixed window.
 */
export function idempotencyKeys(
  alert: NormalizedAlert,
  receivedAt: Date,
  windowSeconds: number,
): IdempotencyKeys {
  if (alert.id !== null) return { key: `${PREFIX}:id:${alert.action}:${alert.id}` };
  const fingerprint = contentFingerprint(alert);
  const windowMs = windowSeconds * 1000;
  const bucket = Math.floor(receivedAt.getTime() / windowMs);
  return {
    key: `${PREFIX}:sha256:${fingerprint}:${bucket}`,
    previous: {
      key: `${PREFIX}:sha256:${fingerprint}:${bucket - 1}`,
      since: new Date(receivedAt.getTime() - windowMs),
    },
  };
}

/** The key of a rejected or duplicate row: unique, and outside the namespace of accepted alerts. */
export function outcomeKey(kind: 'rejected' | 'duplicate', alertId: string): string {
  return `${PREFIX}:${kind}:${alertId}`;
}

/** SHA-256 over the fields that say what the alert asks for, in a fixed order. */
export function contentFingerprint(alert: NormalizedAlert): string {
  const intent = [
    alert.symbol,
    alert.action,
    alert.size?.unit ?? '',
    alert.size?.amount ?? '',
    alert.orderType ?? '',
  ];
  return createHash('sha256').update(JSON.stringify(intent)).digest('hex');
}
