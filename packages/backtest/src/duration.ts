import type { ReportDuration } from './types.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A non-negative whole number of ms as ISO-8601 (days are 24 h, no months or years, which have no
 * fixed length: 90061500 ms → "P1DT1H1M1.5S", 0 → "PT0S") and as short text ("1d 1h 1m 1.5s", "0s").
 */
export function reportDuration(ms: number): ReportDuration {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const millis = ms % MINUTE;
  const seconds =
    millis % SECOND === 0 ? String(millis / SECOND) : (millis / SECOND).toFixed(3).replace(/0+$/, '');
  const time = [hours ? `${hours}H` : '', minutes ? `${minutes}M` : '', millis ? `${seconds}S` : ''].join('');
  const iso = ms === 0 ? 'PT0S' : `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
  const parts = [
    days ? `${days}d` : '',
    hours ? `${hours}h` : '',
    minutes ? `${minutes}m` : '',
    millis ? `${seconds}s` : '',
  ].filter((part) => part !== '');
  return { ms, iso, text: parts.length ? parts.join(' ') : '0s' };
}
