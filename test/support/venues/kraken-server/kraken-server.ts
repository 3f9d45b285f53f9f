// A local Kraken spot stand-in on 127.0.0.1 (real HTTP and `ws`): the REST a live adapter needs
// (public AssetPairs/Assets, private GetWebSocketsToken and TradesHistory, signature-checked) and the
// authenticated WebSocket v2 (`executions` and `balances` with snapshots). Tests place fills with
// `fill()`; each is recorded in the REST trade history and, to every subscribed socket, sent as an
// `executions` update.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { generateKrakenTestKey, type KrakenTestKey, signatureProblem } from './kraken-signature.js';

/** One execution of an order, as the test places it. */
export interface KrakenTestFill {
  readonly orderId: string;
  readonly clientOrderId?: string;
  readonly side: 'buy' | 'sell';
  readonly qty: string;
  readonly price: string;
  readonly fee: string;
  /** The order's size (default: qty, so the fill completes it). */
  readonly orderQty?: string;
  readonly time?: Date;
}

interface Trade extends KrakenTestFill {
  readonly execId: string;
  readonly time: Date;
  readonly cumQty: number;
}

export interface KrakenTestServer {
  readonly restUrl: string;
  readonly wsAuthUrl: string;
  readonly key: KrakenTestKey;
  /** Tokens handed out by GetWebSocketsToken, oldest first. */
  readonly tokens: string[];
  /** REST paths requested (private and public). */
  readonly requests: string[];
  /** Subscribes received (with their token). */
  readonly subscribes: Array<{ channel: string; token: string }>;
  /** Makes every token issued so far invalid (as if it had expired). */
  expireTokens(): void;
  /** Records a fill and sends it to every subscribed socket unless `silently`. Returns its exec id. */
  fill(fill: KrakenTestFill, options?: { silently?: boolean }): string;
  /** Drops every open socket (the client reconnects). */
  dropConnections(): void;
  /** While true, new WebSocket connections are refused. */
  refuseConnections: boolean;
  /** How many recent trades a `snap_trades` snapshot carries (Kraken: 50). */
  snapshotTrades: number;
  close(): Promise<void>;
}

const pair = {
  altname: 'XBTUSD',
  wsname: 'XBT/USD',
  aclass_base: 'currency',
  base: 'XXBT',
  aclass_quote: 'currency',
  quote: 'ZUSD',
  lot: 'unit',
  cost_decimals: 5,
  pair_decimals: 1,
  lot_decimals: 8,
  lot_multiplier: 1,
  leverage_buy: [],
  leverage_sell: [],
  fees: [[0, 0.4]],
  fees_maker: [[0, 0.25]],
  fee_volume_currency: 'ZUSD',
  margin_call: 80,
  margin_stop: 40,
  ordermin: '0.00005',
  costmin: '0.5',
  tick_size: '0.1',
  status: 'online',
};

const assets = {
  XXBT: { aclass: 'currency', altname: 'XBT', decimals: 10, display_decimals: 5, status: 'enabled' },
  ZUSD: { aclass: 'currency', altname: 'USD', decimals: 4, display_decimals: 2, status: 'enabled' },
};

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => resolve(body));
  });
}

export async function startKrakenServer(options: { key?: KrakenTestKey } = {}): Promise<KrakenTestServer> {
  const key = options.key ?? generateKrakenTestKey();
  const valid = new Set<string>();
  const trades: Trade[] = [];
  const subscribed = new Map<WebSocket, Set<string>>();
  const filledByOrder = new Map<string, number>();

  const execution = (trade: Trade) => ({
    order_id: trade.orderId,
    ...(trade.clientOrderId === undefined ? {} : { cl_ord_id: trade.clientOrderId }),
    exec_id: trade.execId,
    exec_type: 'trade',
    trade_id: trades.indexOf(trade) + 1,
    symbol: 'BTC/USD',
    side: trade.side,
    order_type: 'limit',
    order_qty: Number(trade.orderQty ?? trade.qty),
    limit_price: Number(trade.price),
    last_qty: Number(trade.qty),
    last_price: Number(trade.price),
    cum_qty: trade.cumQty,
    cum_cost: trade.cumQty * Number(trade.price),
    avg_price: Number(trade.price),
    liquidity_ind: 't',
    cost: Number(trade.qty) * Number(trade.price),
    fees: [{ asset: 'USD', qty: Number(trade.fee) }],
    fee_usd_equiv: Number(trade.fee),
    order_status: trade.cumQty >= Number(trade.orderQty ?? trade.qty) ? 'filled' : 'partially_filled',
    timestamp: trade.time.toISOString(),
  });

  const http: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const body = await readBody(request);
      server.requests.push(url.pathname);
      const reply = (result: unknown, error: string[] = []) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error, result }));
      };
      if (url.pathname === '/0/public/AssetPairs') return reply({ XXBTZUSD: pair });
      if (url.pathname === '/0/public/Assets') return reply(assets);
      if (url.pathname === '/0/public/Ticker') {
        const side = (price: string) => [price, '1', '1.000'];
        return reply({
          XXBTZUSD: {
            a: side('97000.5'),
            b: side('97000.0'),
            c: ['97000.2', '0.001'],
            v: ['10', '100'],
            p: ['97000', '97000'],
            t: [10, 100],
            l: ['96000', '96000'],
            h: ['98000', '98000'],
            o: '97000',
          },
        });
      }
      if (url.pathname === '/0/public/Time') {
        return reply({ unixtime: Math.floor(Date.now() / 1000), rfc1123: new Date().toUTCString() });
      }
      if (url.pathname.startsWith('/0/private/')) {
        const problem = signatureProblem(key, url.pathname, body, request.headers);
        if (problem !== undefined) return reply(undefined, [problem]);
        if (url.pathname === '/0/private/GetWebSocketsToken') {
          const token = randomUUID();
          valid.add(token);
          server.tokens.push(token);
          return reply({ token, expires: 900 });
        }
        if (url.pathname === '/0/private/TradesHistory') {
          const start = Number(new URLSearchParams(body).get('start') ?? '0');
          const listed: Record<string, unknown> = {};
          for (const trade of trades) {
            if (trade.time.getTime() / 1000 < start) continue;
            listed[trade.execId] = {
              ordertxid: trade.orderId,
              postxid: 'P-TEST',
              pair: 'XXBTZUSD',
              time: trade.time.getTime() / 1000,
              type: trade.side,
              ordertype: 'limit',
              price: trade.price,
              cost: String(Number(trade.qty) * Number(trade.price)),
              fee: trade.fee,
              vol: trade.qty,
              margin: '0.00000',
              misc: '',
              trade_id: trades.indexOf(trade) + 1,
              maker: false,
            };
          }
          return reply({ trades: listed, count: Object.keys(listed).length });
        }
        if (url.pathname === '/0/private/Balance') return reply({ ZUSD: '10000.0000', XXBT: '0.5000000000' });
        if (url.pathname === '/0/private/BalanceEx') {
          return reply({
            ZUSD: { balance: '10000.0000', hold_trade: '0.0000' },
            XXBT: { balance: '0.5000000000', hold_trade: '0.0000000000' },
          });
        }
        if (url.pathname === '/0/private/OpenOrders') return reply({ open: {} });
        if (url.pathname === '/0/private/ClosedOrders') return reply({ closed: {}, count: 0 });
        return reply(undefined, ['EGeneral:Unknown method']);
      }
      response.writeHead(404);
      response.end();
    })();
  });

  const sockets = new WebSocketServer({ noServer: true });
  http.on('upgrade', (request, socket, head) => {
    if (server.refuseConnections) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws));
  });
  sockets.on('connection', (ws: WebSocket) => {
    subscribed.set(ws, new Set());
    ws.on('close', () => subscribed.delete(ws));
    ws.on('message', (data) => {
      const request = JSON.parse(data.toString()) as {
        method?: string;
        req_id?: number;
        params?: { channel?: string; token?: string; snap_trades?: boolean };
      };
      if (request.method === 'ping') {
        ws.send(
          JSON.stringify({ method: 'pong', req_id: request.req_id, time_in: new Date().toISOString() }),
        );
        return;
      }
      if (request.method !== 'subscribe') return;
      const channel = request.params?.channel ?? '';
      const token = request.params?.token ?? '';
      server.subscribes.push({ channel, token });
      const now = new Date().toISOString();
      if (!valid.has(token)) {
        ws.send(
          JSON.stringify({
            method: 'subscribe',
            error: 'EAccount:Invalid permissions',
            success: false,
            time_in: now,
            time_out: now,
          }),
        );
        return;
      }
      ws.send(
        JSON.stringify({
          method: 'subscribe',
          result: { channel, snapshot: true },
          success: true,
          time_in: now,
          time_out: now,
        }),
      );
      subscribed.get(ws)?.add(channel);
      if (channel === 'executions') {
        const recent =
          request.params?.snap_trades === true && server.snapshotTrades > 0
            ? trades.slice(-server.snapshotTrades)
            : [];
        ws.send(
          JSON.stringify({
            channel: 'executions',
            type: 'snapshot',
            data: recent.map(execution),
            sequence: 1,
          }),
        );
      }
      if (channel === 'balances') {
        ws.send(
          JSON.stringify({
            channel: 'balances',
            type: 'snapshot',
            data: [
              { asset: 'USD', asset_class: 'currency', balance: 10_000 },
              { asset: 'BTC', asset_class: 'currency', balance: 0.5 },
            ],
            sequence: 1,
          }),
        );
      }
    });
  });

  // Kraken sends a heartbeat every second to a socket with a subscription.
  const heartbeat = setInterval(() => {
    for (const [ws, channels] of subscribed) {
      if (channels.size > 0) ws.send(JSON.stringify({ channel: 'heartbeat' }));
    }
  }, 1_000);
  heartbeat.unref();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  const port = (http.address() as AddressInfo).port;
  const server: KrakenTestServer = {
    restUrl: `http://127.0.0.1:${port}`,
    wsAuthUrl: `ws://127.0.0.1:${port}/v2`,
    key,
    tokens: [],
    requests: [],
    subscribes: [],
    refuseConnections: false,
    snapshotTrades: 50,
    expireTokens: () => valid.clear(),
    fill: (fill, fillOptions = {}) => {
      const cumQty = (filledByOrder.get(fill.orderId) ?? 0) + Number(fill.qty);
      filledByOrder.set(fill.orderId, cumQty);
      const trade: Trade = {
        ...fill,
        execId: `T${randomUUID().slice(0, 6).toUpperCase()}-${trades.length}`,
        time: fill.time ?? new Date(),
        cumQty,
      };
      trades.push(trade);
      if (fillOptions.silently !== true) {
        for (const [ws, channels] of subscribed) {
          if (!channels.has('executions')) continue;
          ws.send(
            JSON.stringify({
              channel: 'executions',
              type: 'update',
              data: [execution(trade)],
              sequence: trades.length + 1,
            }),
          );
        }
      }
      return trade.execId;
    },
    dropConnections: () => {
      for (const ws of subscribed.keys()) ws.terminate();
    },
    close: async () => {
      clearInterval(heartbeat);
      for (const ws of subscribed.keys()) ws.terminate();
      sockets.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return server;
}
