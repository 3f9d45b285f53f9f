import { z } from 'zod';
import { ACCOUNT_NAME_PATTERN, ACCOUNT_NAME_RULE } from './account-name.js';
import { TRADINGVIEW_WEBHOOK_ADDRESSES } from './alerts/address-rules.js';
import { envAddressRules, envSymbolOverrides } from './alerts/ingress-env.js';
import type { ConfigKey } from './config-key.js';
import { envBoolean, envInteger, envList, envPort, envUrl } from './env-types.js';
import { HTTP_CONFIG_KEYS } from './http-config-keys.js';
import { LIVE_CONFIG_KEYS } from './live-config-keys.js';
import { LOG_CONFIG_KEYS } from './log-config-keys.js';
import { NOTIFY_CONFIG_KEYS } from './notify-config-keys.js';
import { PAPER_CONFIG_KEYS } from './paper-config-keys.js';
import { QUOTE_CONFIG_KEYS } from './quote-config-keys.js';
import { RISK_CONFIG_KEYS } from './risk-config-keys.js';
import { SENTINEL_CONFIG_KEYS } from './sentinel-config-keys.js';
import { SIGHOOK_CONFIG_KEYS } from './sighook-config-keys.js';

export type { ConfigKey } from './config-key.js';

/**
 * Every environment key Hookline reads, in the order .env.example documents them.
 * The stable keys are named in docs/architecture.md; tuning keys start with HOOKLINE_.
 */
export const CONFIG_KEYS = {
  MODE: {
    schema: z.enum(['paper', 'live']),
    default: 'paper',
    description:
      'paper = simulated exchange inside the process (no keys needed); live = real orders through ccxt.',
  },
  DATA_DIR: {
    schema: z.string().trim().min(1),
    default: './.data',
    description: 'Folder for the embedded database (PGlite) and other local state; created when missing.',
  },
  DATABASE_URL: {
    schema: envUrl(['postgres', 'postgresql']),
    description: 'PostgreSQL server URL. Unset = embedded PGlite database in DATA_DIR (one process only).',
    secret: true,
  },
  REDIS_URL: {
    schema: envUrl(['redis', 'rediss']),
    description: 'Redis URL. Unset = a private redis-server started and stopped with the process.',
    secret: true,
  },
  PORT: {
    schema: envPort,
    default: '3000',
    description: 'HTTP port of the webhook service (POST /webhook, /healthz, /readyz, /api).',
  },
  EXCHANGE: {
    schema: z.enum(['coinbase', 'kraken', 'binance']),
    default: 'coinbase',
    description: 'Exchange used in live mode (and whose market rules paper mode imitates).',
  },
  EXCHANGE_API_KEY: {
    schema: z.string().trim().min(1),
    description: 'Exchange API key (live mode only).',
    secret: true,
  },
  EXCHANGE_API_SECRET: {
    schema: z.string().min(1),
    description: 'Exchange API secret or private key (live mode only).',
    secret: true,
  },
  EXCHANGE_REST_URL: {
    schema: envUrl(['http', 'https']),
    description: "Override of the exchange's REST base URL (testing against a local server).",
  },
  EXCHANGE_WS_URL: {
    schema: envUrl(['ws', 'wss']),
    description: "Override of the exchange's public WebSocket URL.",
  },
  EXCHANGE_WS_USER_URL: {
    schema: envUrl(['ws', 'wss']),
    description: "Override of the exchange's private (user channel) WebSocket URL.",
  },
  WEBHOOK_PASSPHRASE: {
    schema: z.string().min(12, { error: 'must be at least 12 characters' }),
    description:
      'Passphrase every TradingView alert must carry. Unset = POST /webhook refuses all alerts and /readyz answers 503 (not ready).',
    secret: true,
  },
  ADMIN_TOKEN: {
    schema: z.string().min(16, { error: 'must be at least 16 characters' }),
    description:
      'Bearer token for admin API calls (halt, resume, buy guard, flatten). Unset = API is read-only.',
    secret: true,
  },
  HOOKLINE_BUY_GUARD: {
    schema: envBoolean,
    default: 'false',
    description:
      'true = the buy guard is on from start-up: no new entries (exits still run). The admin API and HOOKLINE_BUY_GUARD_FILE are two more, independent guards.',
  },
  HOOKLINE_BUY_GUARD_FILE: {
    schema: z.string().trim().min(1),
    description:
      'Path of a flag file: while it exists the buy guard is on (checked at every entry decision, so `touch` and `rm` work without a restart). Unset = no file guard.',
  },
  HOOKLINE_WEBHOOK_ALLOWLIST: {
    schema: envBoolean,
    default: 'false',
    description:
      'true = POST /webhook accepts alerts only from HOOKLINE_WEBHOOK_ALLOWED_ADDRESSES (403 otherwise). Behind a proxy, set HOOKLINE_TRUSTED_PROXY too.',
  },
  HOOKLINE_WEBHOOK_ALLOWED_ADDRESSES: {
    schema: envAddressRules,
    default: TRADINGVIEW_WEBHOOK_ADDRESSES.join(','),
    description:
      "Sender addresses (IPv4/IPv6, or IPv4 networks like 10.0.0.0/8) allowed when the allowlist is on. Default: TradingView's four webhook addresses.",
  },
  HOOKLINE_TRUSTED_PROXY: {
    schema: envAddressRules,
    description:
      'Addresses or IPv4 networks of your reverse proxies. Only a request from one of them has its X-Forwarded-For read for the sender address. Unset = the header is ignored.',
  },
  HOOKLINE_WEBHOOK_BODY_LIMIT_BYTES: {
    schema: envInteger(256, 1_048_576),
    default: '16384',
    description:
      'Largest alert body POST /webhook reads; a larger one is answered 413 and stored as rejected.',
  },
  HOOKLINE_WEBHOOK_RATE_LIMIT: {
    schema: envInteger(0, 1_000_000),
    default: '120',
    description:
      'Alerts per minute accepted from one sender address (bursts up to the same number), per process; more are answered 429. 0 = no limit.',
  },
  HOOKLINE_IDEMPOTENCY_WINDOW_SECONDS: {
    schema: envInteger(1, 86_400),
    default: '60',
    description:
      'An alert without an id repeats an earlier one (and is not executed again) when the same symbol, action, size and order type arrived within this many seconds.',
  },
  HOOKLINE_SYMBOL_OVERRIDES: {
    schema: envSymbolOverrides,
    description:
      'TradingView tickers mapped to exchange markets by hand, e.g. XBTUSD=BTC/USD,COINBASE:ETHUSD=ETH/USD. Unset = automatic mapping only.',
  },
  HOOKLINE_HOST: {
    schema: z.string().trim().min(1),
    default: '127.0.0.1',
    description: 'Address the HTTP servers listen on. Use 0.0.0.0 in a container or behind a proxy.',
  },
  HOOKLINE_SIGHOOK_PORT: {
    schema: envPort,
    default: '3001',
    description:
      'Health port of sighook when it runs alone (start sighook). In both mode the webhook port serves both.',
  },
  HOOKLINE_LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    description: 'pino log level.',
  },
  HOOKLINE_ACCOUNT: {
    schema: z.string().trim().regex(ACCOUNT_NAME_PATTERN, { error: ACCOUNT_NAME_RULE }),
    description:
      'Account name written on every alert, order, fill and ledger row of this deployment, and part of the Redis keys of its job queues, controls, leases and heartbeats (several accounts share one database and Redis, one deployment each). Unset = `paper` in paper mode, `live` in live mode; an account keeps the mode it was first started in.',
  },
  HOOKLINE_SHUTDOWN_TIMEOUT_MS: {
    schema: envInteger(100, 600_000),
    default: '15000',
    description: 'On SIGINT/SIGTERM: how long to drain in-flight work before closing anyway.',
  },
  HOOKLINE_HEARTBEAT_INTERVAL_MS: {
    schema: envInteger(100, 600_000),
    default: '5000',
    description: 'How often each service writes its heartbeat to Redis (read by /readyz).',
  },
  HOOKLINE_AUTO_MIGRATE: {
    schema: envBoolean,
    default: 'true',
    description:
      'Apply pending migrations at start for the embedded database. A server database is migrated only by `db migrate`.',
  },
  HOOKLINE_RECONCILE_INTERVAL_MS: {
    schema: envInteger(10_000, 86_400_000),
    default: '300000',
    description:
      'How often the reconciler compares orders, fills and balances with the exchange (also once at start, before entries).',
  },
  HOOKLINE_TAX_TIMEZONE: {
    schema: z
      .string()
      .trim()
      .refine(isTimeZone, { error: 'expected an IANA timezone such as UTC or America/New_York' }),
    default: 'UTC',
    description:
      'Timezone whose calendar dates decide holding periods (short/long term) and tax years in the ledger.',
  },
  HOOKLINE_LEDGER_STRICT: {
    schema: envBoolean,
    default: 'false',
    description:
      'true = refuse a sell beyond the inventory the ledger knows; false = record a SHORTFALL and warn.',
  },
  HOOKLINE_LEDGER_USD_CURRENCIES: {
    schema: envList.refine((list) => list.length > 0, { error: 'name at least one currency' }),
    default: 'USD,USDC,USDT',
    description:
      'Quote currencies valued 1:1 in USD by the ledger (comma-separated); fills quoted in others are flagged, and open positions are the open lots quoted in these.',
  },
  HOOKLINE_ENTRY_OFFSET_BPS: {
    schema: envInteger(0, 1_000),
    default: '0',
    description:
      'Entry LIMIT price offset in basis points from the reference price (a buy at ask × (1 − offset)); 0 = at the ask.',
  },
  HOOKLINE_ENTRY_POST_ONLY: {
    schema: envBoolean,
    default: 'false',
    description: 'true = entry orders are post-only (maker or rejected by the exchange).',
  },
  HOOKLINE_ENTRY_TIMEOUT_MS: {
    schema: envInteger(1_000, 86_400_000),
    default: '120000',
    description:
      'An entry not fully filled this long after it was acknowledged is canceled; a partial fill stays the position.',
  },
  HOOKLINE_ENTRY_SIZE_USD: {
    schema: z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/, { error: 'expected a decimal amount such as 100' }),
    default: '100',
    description: 'Quote amount (USD) of an entry whose alert gives no size.',
  },
  HOOKLINE_FILL_BACKFILL_INTERVAL_MS: {
    schema: envInteger(1_000, 3_600_000),
    default: '30000',
    description:
      'How often fills are read from the exchange REST history (after the stored cursor) besides the user stream.',
  },
  HOOKLINE_RECOVERY_SWEEP_INTERVAL_MS: {
    schema: envInteger(1_000, 3_600_000),
    default: '5000',
    description:
      'How often the recovery sweeper re-drives work whose hand-off was lost (accepted alerts, unsent or unsettled entries, missing timeouts) older than the same interval.',
  },
  ...RISK_CONFIG_KEYS,
  ...SENTINEL_CONFIG_KEYS,
  ...SIGHOOK_CONFIG_KEYS,
  ...HTTP_CONFIG_KEYS,
  ...QUOTE_CONFIG_KEYS,
  ...PAPER_CONFIG_KEYS,
  ...LOG_CONFIG_KEYS,
  ...LIVE_CONFIG_KEYS,
  ...NOTIFY_CONFIG_KEYS,
} as const satisfies Record<string, ConfigKey>;

/** True for a timezone the runtime's Intl knows. */
function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Name of an environment key Hookline reads. */
export type ConfigKeyName = keyof typeof CONFIG_KEYS;
