import { type AddressRule, addressMatches } from '@hookline/schemas';

/**
 * The address an alert came from. X-Forwarded-For is read only when the TCP peer is one of the
 * configured trusted proxies (anyone else could forge it); then the rightmost entry that is not itself
 * a trusted proxy is the sender, because entries further left were written by the client.
 */
export function resolveSenderAddress(
  peerAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: readonly AddressRule[],
): string {
  const peer = plainAddress(peerAddress ?? '');
  if (trustedProxies.length === 0 || !addressMatches(trustedProxies, peer)) return peer;
  const hops = [forwardedFor ?? []]
    .flat()
    .flatMap((header) => header.split(','))
    .map((hop) => plainAddress(hop))
    .filter((hop) => hop.length > 0);
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = hops[index];
    if (hop !== undefined && !addressMatches(trustedProxies, hop)) return hop;
  }
  return hops[0] ?? peer;
}

// Node reports IPv4 peers of a dual-stack socket as ::ffff:1.2.3.4; allowlists are written in IPv4.
function plainAddress(address: string): string {
  return address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}
