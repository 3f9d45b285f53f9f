import { dec } from '@hookline/core';
import type { Exchange, MarketInterface } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { createCcxtClient } from '../../src/ccxt/ccxt-client.js';
import { exchangeUrlsFromEnv } from '../../src/ccxt/ccxt-exchange-options.js';
import { marketFromCcxt } from '../../src/ccxt/ccxt-market-mapping.js';
import { ccxtOrderArguments } from '../../src/ccxt/ccxt-order-request.js';
import { type VenueId, venueProfiles } from '../../src/ccxt/venue-profile.js';
import { type CreateOrderRequest, isExchangeError, SymbolResolver } from '../../src/index.js';

// ccxt market structures as ccxt 4.5 builds them from each venue's market listing (Kraken
// AssetPairs `XXBTZUSD` with altname `XBTUSD` and wsname `XBT/USD`; Binance exchangeInfo `BTCUSDT`).
const ccxtMarkets: Readonly<Record<'kraken' | 'binance', MarketInterface>> = {
  kraken: {
    id: 'XXBTZUSD',
    symbol: 'BTC/USD',
    base: 'BTC',
    quote: 'USD',
    baseId: 'XXBT',
    quoteId: 'ZUSD',
    type: 'spot',
    spot: true,
    active: true,
    precision: { amount: '0.00000001', price: '0.1' },
    limits: { amount: { min: '0.0001' }, cost: { min: '0.5' }, price: {}, leverage: {} },
    info: { altname: 'XBTUSD', wsname: 'XBT/USD' },
  } as unknown as MarketInterface,
  binance: {
    id: 'BTCUSDT',
    symbol: 'BTC/USDT',
    base: 'BTC',
    quote: 'USDT',
    baseId: 'BTC',
    quoteId: 'USDT',
    type: 'spot',
    spot: true,
    active: true,
    precision: { amount: '0.00001', price: '0.01' },
    limits: { amount: { min: '0.00001' }, cost: { min: '5' }, price: {}, leverage: {} },
    info: { orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'] },
  } as unknown as MarketInterface,
};

// Canned venue answers to a create, so ccxt parses a normal response.
const createAnswers: Readonly<Record<'kraken' | 'binance', unknown>> = {
  kraken: {
    error: [],
    result: { descr: { order: 'buy 0.001 XBTUSD @ limit 60000.1' }, txid: ['OABCDE-FGHIJ-KLMNOP'] },
  },
  binance: {
    symbol: 'BTCUSDT',
    orderId: 28,
    clientOrderId: 'client-42',
    transactTime: 1_735_819_200_000,
    price: '60000.00',
    origQty: '0.001',
    executedQty: '0',
    status: 'NEW',
    timeInForce: 'GTC',
    type: 'LIMIT_MAKER',
    side: 'BUY',
  },
};

function offlineClient(venue: 'kraken' | 'binance'): { client: Exchange; sent: string[] } {
  // A loopback base and a replaced transport: nothing can leave the machine.
  const client = createCcxtClient(venueProfiles[venue], {
    restUrl: 'http://127.0.0.1:9',
    requestTimeoutMs: 100,
    apiKey: 'test-key',
    secret: Buffer.from('test-secret-0123456789').toString('base64'),
  });
  client.setMarkets([ccxtMarkets[venue]]);
  const sent: string[] = [];
  client.fetch = async (url: string, _method?: string, _headers?: unknown, body?: unknown) => {
    sent.push(`${url} ${String(body ?? '')}`);
    return createAnswers[venue];
  };
  return { client, sent };
}

describe('venue profiles: symbols', () => {
  const cases: readonly { venue: 'kraken' | 'binance'; spellings: string[]; symbol: string }[] = [
    {
      venue: 'kraken',
      symbol: 'BTC/USD',
      spellings: ['BTC/USD', 'BTC-USD', 'XBT/USD', 'XBTUSD', 'XXBTZUSD', 'BTCUSD', 'KRAKEN:XBTUSD'],
    },
    {
      venue: 'binance',
      symbol: 'BTC/USDT',
      spellings: ['BTC/USDT', 'btc-usdt', 'BTCUSDT', 'BINANCE:BTCUSDT.P'],
    },
  ];

  it.for(cases)(
    'when a $venue market is written any common way then it resolves to $symbol',
    ({ venue, spellings, symbol }) => {
      const market = marketFromCcxt(ccxtMarkets[venue], 4);
      const resolver = new SymbolResolver(
        market === undefined ? [] : [market],
        venueProfiles[venue].currencyAliases,
      );

      expect(spellings.map((spelling) => resolver.resolve(spelling).symbol)).toEqual(
        spellings.map(() => symbol),
      );
      expect(market).toMatchObject({
        exchangeSymbol: ccxtMarkets[venue].id,
        minNotional: dec(venue === 'kraken' ? '0.5' : '5'),
      });
    },
  );

  it('when a symbol names no market then INVALID_SYMBOL is thrown', () => {
    const market = marketFromCcxt(ccxtMarkets.kraken, 4);
    const resolver = new SymbolResolver(
      market === undefined ? [] : [market],
      venueProfiles.kraken.currencyAliases,
    );

    const error = (() => {
      try {
        resolver.resolve('ETH/XBT');
      } catch (caught) {
        return caught;
      }
    })();

    expect(isExchangeError(error, 'INVALID_SYMBOL')).toBe(true);
  });
});

describe('venue profiles: our client order id on the wire', () => {
  const request = (symbol: string): CreateOrderRequest => ({
    type: 'LIMIT',
    clientOrderId: 'client-42',
    symbol,
    side: 'buy',
    amount: dec('0.001'),
    price: dec('60000.1'),
    postOnly: true,
  });

  it.for([
    { venue: 'coinbase' as VenueId, param: 'client_order_id' },
    { venue: 'kraken' as VenueId, param: 'cl_ord_id' },
    { venue: 'binance' as VenueId, param: 'newClientOrderId' },
  ])('when an order is built for $venue then the id travels in $param', ({ venue, param }) => {
    const market = {
      symbol: 'BTC/USD',
      base: 'BTC',
      quote: 'USD',
      exchangeSymbol: 'BTC-USD',
      priceTick: dec('0.1'),
      amountStep: dec('0.00000001'),
      minAmount: dec('0'),
      minNotional: dec('0'),
      active: true,
    };

    const args = ccxtOrderArguments(request('BTC/USD'), market, venueProfiles[venue], {
      maxSlippage: dec('0.05'),
    });

    expect(args.params).toEqual({ [param]: 'client-42', postOnly: true });
    expect([args.amount, args.price]).toEqual(['0.001', '60000.1']);
  });

  it.for([
    { venue: 'kraken' as const, expected: 'cl_ord_id=client-42' },
    { venue: 'binance' as const, expected: 'newClientOrderId=client-42' },
  ])('when ccxt sends a $venue create then the request carries $expected', async ({ venue, expected }) => {
    const { client, sent } = offlineClient(venue);
    const market = marketFromCcxt(ccxtMarkets[venue], 4);
    if (market === undefined) throw new Error('fixture market is not spot');
    const args = ccxtOrderArguments(request(market.symbol), market, venueProfiles[venue], {
      maxSlippage: dec('0.05'),
    });

    await client.createOrder(
      ccxtMarkets[venue].symbol,
      args.type,
      args.side,
      Number(args.amount),
      Number(args.price),
      { ...args.params },
    );

    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(expected);
  });

  it('when a Coinbase market buy is built then it is an IOC limit at the ask plus slippage, rounded up to the tick', () => {
    const market = {
      symbol: 'BTC/USD',
      base: 'BTC',
      quote: 'USD',
      exchangeSymbol: 'BTC-USD',
      priceTick: dec('0.01'),
      amountStep: dec('0.00000001'),
      minAmount: dec('0'),
      minNotional: dec('0'),
      active: true,
    };

    const args = ccxtOrderArguments(
      { type: 'MARKET', clientOrderId: 'c', symbol: 'BTC/USD', side: 'buy', amount: dec('0.001') },
      market,
      venueProfiles.coinbase,
      {
        ask: dec('60000.01'),
        maxSlippage: dec('0.05'),
      },
    );

    expect(args).toMatchObject({
      type: 'limit',
      price: '63000.02',
      params: { client_order_id: 'c', timeInForce: 'IOC' },
    });
  });
});

describe('exchangeUrlsFromEnv', () => {
  it('when EXCHANGE_REST_URL, EXCHANGE_WS_URL and EXCHANGE_WS_USER_URL are set then they become the overrides; blank ones are ignored', () => {
    const urls = exchangeUrlsFromEnv({
      EXCHANGE_REST_URL: 'http://127.0.0.1:8080',
      EXCHANGE_WS_URL: ' ',
      EXCHANGE_WS_USER_URL: 'ws://127.0.0.1:8080/ws-user',
    });

    expect(urls).toEqual({ rest: 'http://127.0.0.1:8080', wsUser: 'ws://127.0.0.1:8080/ws-user' });
  });
});

describe('rate limiting', () => {
  it.for([
    { venue: 'coinbase' as VenueId, msPerRequest: 34, marketDataMsPerRequest: 100 },
    { venue: 'kraken' as VenueId, msPerRequest: 1_000, marketDataMsPerRequest: 1_000 },
    { venue: 'binance' as VenueId, msPerRequest: 50, marketDataMsPerRequest: 50 },
  ])(
    'when a $venue client is built then ccxt does not throttle (the budgets do: $msPerRequest ms per order request, $marketDataMsPerRequest ms per market data read)',
    ({ venue, msPerRequest, marketDataMsPerRequest }) => {
      const client = createCcxtClient(venueProfiles[venue], {
        requestTimeoutMs: 1_000,
        restUrl: 'http://127.0.0.1:9',
      });

      expect(client.enableRateLimit).toBe(false);
      expect(venueProfiles[venue].rateLimit).toMatchObject({ msPerRequest, marketDataMsPerRequest });
    },
  );
});

describe('venue profiles: stop-limit sells', () => {
  const stop = (symbol: string): CreateOrderRequest => ({
    type: 'STOP_LIMIT',
    clientOrderId: 'stop-7',
    symbol,
    side: 'sell',
    amount: dec('0.001'),
    price: dec('56900'),
    stopPrice: dec('57000'),
  });
  const usdMarket = {
    symbol: 'BTC/USD',
    base: 'BTC',
    quote: 'USD',
    exchangeSymbol: 'BTC-USD',
    priceTick: dec('0.1'),
    amountStep: dec('0.00000001'),
    minAmount: dec('0'),
    minNotional: dec('0'),
    active: true,
  };

  it.for([
    { venue: 'coinbase' as VenueId, params: { client_order_id: 'stop-7', stopLossPrice: '57000' } },
    { venue: 'kraken' as VenueId, params: { cl_ord_id: 'stop-7', stopLossPrice: '57000' } },
  ])(
    'when a stop-limit sell is built for $venue then it is a limit at the limit price with stopLossPrice',
    ({ venue, params }) => {
      const args = ccxtOrderArguments(stop('BTC/USD'), usdMarket, venueProfiles[venue], {
        maxSlippage: dec('0.05'),
      });

      expect(args).toEqual({ type: 'limit', side: 'sell', amount: '0.001', price: '56900', params });
    },
  );

  it('when ccxt sends a Kraken stop-limit sell then the request is a stop-loss-limit with the trigger as price and the limit as price2', async () => {
    const { client, sent } = offlineClient('kraken');
    const market = marketFromCcxt(ccxtMarkets.kraken, 4);
    if (market === undefined) throw new Error('fixture market is not spot');
    const args = ccxtOrderArguments(stop(market.symbol), market, venueProfiles.kraken, {
      maxSlippage: dec('0.05'),
    });

    await client.createOrder('BTC/USD', args.type, args.side, Number(args.amount), Number(args.price), {
      ...args.params,
    });

    expect(sent[0]).toContain('ordertype=stop-loss-limit');
    expect(sent[0]).toContain('price=57000');
    expect(sent[0]).toContain('price2=56900');
  });

  it('when a stop-limit is built for Binance (no stops declared) then it is refused as INVALID_ORDER and the profile says so', () => {
    const build = () =>
      ccxtOrderArguments(stop('BTC/USD'), usdMarket, venueProfiles.binance, { maxSlippage: dec('0.05') });

    expect(build).toThrow(/stop-limit orders are not supported on binance/);
    expect(
      (Object.keys(venueProfiles) as VenueId[]).map((venue) => [venue, venueProfiles[venue].stopLimitParam]),
    ).toEqual([
      ['coinbase', 'stopLossPrice'],
      ['kraken', 'stopLossPrice'],
      ['binance', undefined],
    ]);
  });
});
