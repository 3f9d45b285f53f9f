import { CoinbaseJwtSigner } from '../coinbase/coinbase-jwt.js';
import { CoinbaseStreams } from '../coinbase/coinbase-streams.js';
import type { FillBackfillSource } from '../coinbase/gap-backfill.js';
import type { FillCursor } from '../port/fill.js';
import { type CcxtExchangeOptions, coinbaseWebSocketUrls } from './ccxt-exchange-options.js';
import type { CcxtMarkets } from './ccxt-markets.js';

/**
 * The Coinbase streams of a CcxtExchange: the key signs each subscribe, the markets map product
 * ids, the adapter's REST fill history backfills gaps. URLs default to Coinbase's, or come from
 * EXCHANGE_WS_URL / EXCHANGE_WS_USER_URL.
 */
export function coinbaseStreamsFor(
  options: CcxtExchangeOptions,
  markets: CcxtMarkets,
  backfill: FillBackfillSource & { fillCursorAt(time: Date): FillCursor },
): CoinbaseStreams {
  const { apiKey, secret, clock, urls, stream, onListenerError, onBackgroundError } = options;
  const signer =
    apiKey !== undefined && secret !== undefined
      ? new CoinbaseJwtSigner({ apiKeyName: apiKey, privateKeyPem: secret }, clock)
      : undefined;
  return new CoinbaseStreams({
    urls: { ws: urls?.ws ?? coinbaseWebSocketUrls.ws, wsUser: urls?.wsUser ?? coinbaseWebSocketUrls.wsUser },
    signer,
    clock,
    resolveProduct: (productId) => markets.resolver?.find(productId),
    backfill,
    ...(stream?.userProductIds === undefined ? {} : { userProductIds: stream.userProductIds }),
    ...(stream?.reconnect === undefined ? {} : { reconnect: stream.reconnect }),
    ...(stream?.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: stream.idleTimeoutMs }),
    ...(onListenerError === undefined ? {} : { onListenerError }),
    ...(onBackgroundError === undefined ? {} : { onBackgroundError }),
  });
}
