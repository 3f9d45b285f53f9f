import { createHash } from 'node:crypto';
import { HooklineError } from './errors.js';
import { formatUuid, stampUuidVersion } from './uuid.js';

/**
 * The client order id for attempt `attempt` of a decision: the same input always gives the same
 * id, so a retried send carries the id the exchange may already have, and a new attempt (a
 * re-priced exit) gets a new one. It is a UUIDv8 (RFC 9562) over SHA-256 of the inputs, because
 * a 36-character UUID fits every venue we target: Coinbase takes any string, Binance allows
 * `^[.A-Z:/a-z0-9_-]{1,36}$`, Kraken's cl_ord_id accepts the UUID form.
 */
export function deriveClientOrderId(decisionId: string, attempt = 0): string {
  if (decisionId.length === 0) {
    throw new HooklineError('INVALID_ARGUMENT', 'a client order id needs a decision id');
  }
  if (!Number.isSafeInteger(attempt) || attempt < 0) {
    throw new HooklineError('INVALID_ARGUMENT', 'attempt must be a non-negative integer', {
      context: { decisionId, attempt },
    });
  }
  // The attempt is last and has no '#', so different (decisionId, attempt) pairs hash different text.
  const digest = createHash('sha256').update(`${decisionId}#${attempt}`, 'utf8').digest();
  return formatUuid(stampUuidVersion(Uint8Array.from(digest.subarray(0, 16)), 8));
}
