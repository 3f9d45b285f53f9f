// Display formatting of the API's decimal strings. Money is rounded on the decimal text itself (half
// away from zero), never through a float; Number() is for drawing charts only.

const DECIMAL = /^([-+]?)(\d+)(?:\.(\d*))?$/;

/** `value` rounded to `places` decimals with thousands separators; a text that is no decimal is shown as is. */
export function formatDecimal(value: string | null | undefined, places = 2): string {
  if (value === null || value === undefined || value === '') return '–';
  const match = DECIMAL.exec(value.trim());
  if (match === null) return value;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const digits = whole + fraction.padEnd(places + 1, '0').slice(0, places);
  const roundUp = (fraction[places] ?? '0') >= '5';
  const rounded = (roundUp ? incrementDigits(digits) : digits).replace(/^0+(?=\d)/, '');
  const padded = rounded.padStart(places + 1, '0');
  const integer = padded.slice(0, padded.length - places);
  const decimals = padded.slice(padded.length - places);
  const isZero = /^0*$/.test(integer + decimals);
  const text = places === 0 ? groupThousands(integer) : `${groupThousands(integer)}.${decimals}`;
  return sign === '-' && !isZero ? `-${text}` : text;
}

/** US dollars: `-$1,234.50`. */
export function formatUsd(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  const text = formatDecimal(value, 2);
  return text.startsWith('-') ? `-$${text.slice(1)}` : DECIMAL.test(value.trim()) ? `$${text}` : text;
}

/** A P&L in dollars with its sign: `+$12.50`, `-$3.00`, `$0.00`. */
export function formatPnl(value: string | null | undefined): string {
  const text = formatUsd(value);
  return signOf(value) > 0 ? `+${text}` : text;
}

/** A percentage given in percent units (`"1.234"` → `+1.23%`). */
export function formatPct(value: string | null | undefined, places = 2): string {
  if (value === null || value === undefined || value === '') return '–';
  const text = formatDecimal(value, places);
  return `${signOf(value) > 0 && text !== formatDecimal('0', places) ? '+' : ''}${text}%`;
}

/** A price: 2 decimals from 1 up, otherwise up to 8 significant places without trailing zeros. */
export function formatPrice(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  const match = DECIMAL.exec(value.trim());
  if (match === null) return value;
  return /^0*$/.test(match[2] ?? '') ? trimZeros(formatDecimal(value, 8)) : formatDecimal(value, 2);
}

/** An amount of a coin: as given, without trailing zeros, at most 8 decimals. */
export function formatAmount(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  return DECIMAL.test(value.trim()) ? trimZeros(formatDecimal(value, 8)) : value;
}

/** A duration in milliseconds, short: `850 ms`, `12 s`, `4 min`, `3 h`, `2 d`. */
export function formatAge(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}

/** Age of an ISO time against `nowMs`; null when there is no time. */
export function ageOf(iso: string | null | undefined, nowMs: number): number | null {
  if (iso === null || iso === undefined) return null;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : nowMs - at;
}

/** A local date and time, `2026-12-06 07:15:02`. */
export function formatTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** -1, 0 or 1 from a decimal text, without a float; 0 for anything that is no decimal. */
export function signOf(value: string | null | undefined): -1 | 0 | 1 {
  const match = value === null || value === undefined ? null : DECIMAL.exec(value.trim());
  if (match === null) return 0;
  if (/^0*$/.test((match[2] ?? '') + (match[3] ?? ''))) return 0;
  return match[1] === '-' ? -1 : 1;
}

/** CSS class of a P&L value: `pos`, `neg` or ``. */
export function pnlClass(value: string | null | undefined): string {
  const sign = signOf(value);
  return sign > 0 ? 'pos' : sign < 0 ? 'neg' : '';
}

function incrementDigits(digits: string): string {
  const chars = digits.split('');
  for (let index = chars.length - 1; index >= 0; index -= 1) {
    if (chars[index] !== '9') {
      chars[index] = String(Number(chars[index]) + 1);
      return chars.join('');
    }
    chars[index] = '0';
  }
  return `1${chars.join('')}`;
}

function groupThousands(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
