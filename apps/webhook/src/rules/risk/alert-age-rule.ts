import { instantInput } from '../json-inputs.js';
import type { EntryAlert } from './risk-state.js';
import { pass, type RuleResult, refuse } from './risk-verdict.js';

/**
 * The alert's own time must be at most maxAgeMs before its receipt (exactly maxAgeMs passes): a
 * delayed, queued or replayed alert describes a market that has moved on. An entry without an alert,
 * an alert without a time, and maxAgeMs 0 (off) pass and say so. A time after the receipt (the
 * sender's clock ahead of ours) is not an old alert and passes with its negative age.
 */
export function checkAlertAge(alert: EntryAlert | undefined, maxAgeMs: number): RuleResult {
  if (alert === undefined) return pass({ alertTime: null, maxAlertAgeMs: maxAgeMs, note: 'no alert' });
  const inputs = {
    alertTime: instantInput(alert.time),
    receivedAt: instantInput(alert.receivedAt),
    maxAlertAgeMs: maxAgeMs,
  };
  if (alert.time === undefined) {
    return pass({ ...inputs, alertAgeMs: null, note: 'the alert carries no time' });
  }
  const ageMs = alert.receivedAt.getTime() - alert.time.getTime();
  if (!Number.isFinite(ageMs)) throw new Error(`the alert's time or receipt is not a valid instant`);
  if (maxAgeMs === 0) return pass({ ...inputs, alertAgeMs: ageMs, note: 'the alert age guard is off' });
  if (ageMs > maxAgeMs) {
    return refuse('ALERT_TOO_OLD', `the alert was ${ageMs} ms old when received (max ${maxAgeMs} ms)`, {
      ...inputs,
      alertAgeMs: ageMs,
    });
  }
  return pass({ ...inputs, alertAgeMs: ageMs });
}
