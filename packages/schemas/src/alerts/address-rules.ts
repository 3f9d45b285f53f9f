/** One allowed address: an exact IPv4 or IPv6 address, or an IPv4 network in CIDR form. */
export interface AddressRule {
  /** As configured, e.g. `52.89.214.238` or `10.0.0.0/8`. */
  readonly text: string;
  /** For IPv4: the network as a 32-bit number and its prefix length (32 for a single address). */
  readonly ipv4?: { readonly network: number; readonly prefixLength: number };
  /** For IPv6: the address in lower case (exact match only). */
  readonly ipv6?: string;
}

/**
 * TradingView's webhook source addresses (docs/exchange-notes.md, TradingView 2: IPv4 only, ports 80
 * and 443).
 */
export const TRADINGVIEW_WEBHOOK_ADDRESSES = [
  '52.89.214.238',
  '34.212.75.30',
  '54.218.53.128',
  '52.32.178.7',
] as const;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses `1.2.3.4`, `10.0.0.0/8` or an IPv6 address; undefined when it is none of these. */
export function parseAddressRule(text: string): AddressRule | undefined {
  const trimmed = text.trim();
  const [address = '', prefix, extra] = trimmed.split('/');
  if (extra !== undefined) return undefined;
  const ipv4 = ipv4ToNumber(address);
  if (ipv4 !== undefined) {
    const prefixLength = prefix === undefined ? 32 : /^\d{1,2}$/.test(prefix) ? Number(prefix) : Number.NaN;
    if (!(prefixLength >= 0 && prefixLength <= 32)) return undefined;
    return { text: trimmed, ipv4: { network: masked(ipv4, prefixLength), prefixLength } };
  }
  if (prefix === undefined && /^[0-9a-f:]+$/i.test(address) && address.includes(':')) {
    return { text: trimmed, ipv6: address.toLowerCase() };
  }
  return undefined;
}

/** True when the address (as node reports it, `::ffff:1.2.3.4` included) matches one of the rules. */
export function addressMatches(rules: readonly AddressRule[], address: string): boolean {
  const plain = address
    .trim()
    .toLowerCase()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  const ipv4 = ipv4ToNumber(plain);
  return rules.some((rule) =>
    rule.ipv4 !== undefined
      ? ipv4 !== undefined && masked(ipv4, rule.ipv4.prefixLength) === rule.ipv4.network
      : rule.ipv6 === plain,
  );
}

function ipv4ToNumber(text: string): number | undefined {
  const match = IPV4.exec(text);
  if (match === null) return undefined;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

function masked(value: number, prefixLength: number): number {
  // 2 ** (32 - n) arithmetic instead of bit shifts: JavaScript shifts are signed 32-bit and x << 32 is x.
  const block = 2 ** (32 - prefixLength);
  return Math.floor(value / block) * block;
}
