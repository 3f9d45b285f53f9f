import { resolve } from 'node:path';
import { CONFIG_KEYS, type Config, SECRET_KEYS, tradingAccountOf } from '@hookline/schemas';
import type { MisspeltKey } from './unknown-keys.js';

/** What the summary is made of: the validated configuration and the raw environment it came from. */
export interface ConfigSummaryInput {
  readonly config: Config;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly misspelt: readonly MisspeltKey[];
}

/** The settings of the risk gate and the exits a trader checks before a start, in this order. */
const TRADING_KEYS = [
  'HOOKLINE_ACCOUNT',
  'HOOKLINE_ENTRY_SIZE_USD',
  'HOOKLINE_MAX_OPEN_POSITIONS',
  'HOOKLINE_RISK_DAILY_LOSS_PCT',
  'HOOKLINE_RISK_MAX_POSITION_PCT',
  'HOOKLINE_HARD_STOP_PCT',
  'HOOKLINE_SOFT_STOP_PCT',
  'HOOKLINE_TAKE_PROFIT_PCT',
  'HOOKLINE_TRAILING_ACTIVATION_PCT',
  'HOOKLINE_MAX_HOLD_MINUTES',
  'HOOKLINE_PROTECTIVE_STOPS',
] as const;

const SECRETS = new Set<string>(SECRET_KEYS);

/**
 * `config check` for a person: where the process would trade and store, the key risk and exit
 * settings, which keys the environment sets (secrets as "set", never their value) and how many keep
 * their default, then any variable that looks like a misspelt key.
 */
export function formatConfigSummary({ config, env, misspelt }: ConfigSummaryInput): string {
  const setKeys = Object.keys(CONFIG_KEYS).filter((key) => (env[key] ?? '').trim() !== '');
  const lines = [
    'configuration: valid',
    '',
    ...aligned([
      ['mode', modeLine(config)],
      ['exchange', config.MODE === 'live' ? config.EXCHANGE : `${config.EXCHANGE} (used in live mode)`],
      ['database', databaseLine(config)],
      [
        'redis',
        config.REDIS_URL
          ? `server at ${location(config.REDIS_URL)}`
          : 'a private redis-server started with the process',
      ],
      ['http', `${config.HOOKLINE_HOST}:${config.PORT}`],
      [
        'passphrase',
        config.WEBHOOK_PASSPHRASE === undefined ? 'WEBHOOK_PASSPHRASE not set' : 'WEBHOOK_PASSPHRASE set',
      ],
      ['log level', config.HOOKLINE_LOG_LEVEL],
    ]),
    '',
    'risk and exits:',
    ...aligned(
      TRADING_KEYS.map((key) => [
        key,
        setKeys.includes(key) || (config as Record<string, unknown>)[key] === undefined
          ? shown(key, config)
          : `${shown(key, config)} (default)`,
      ]),
    ).map((line) => `  ${line}`),
    '',
    `set in the environment or .env (${setKeys.length}):`,
    ...(setKeys.length === 0
      ? ['  none: every key has its default']
      : aligned(setKeys.map((key) => [key, shown(key, config)])).map((line) => `  ${line}`)),
    '',
    `defaults: ${Object.keys(CONFIG_KEYS).length - setKeys.length} key(s) unset (\`pnpm hookline config example\` lists every key and its default)`,
  ];
  if (misspelt.length > 0) {
    lines.push('', 'warnings:');
    for (const { name, suggestion } of misspelt) {
      lines.push(`  ${name} is not a Hookline key and is ignored: did you mean ${suggestion}?`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function modeLine(config: Config): string {
  if (config.MODE === 'live') return 'live (real orders with your exchange keys)';
  return config.HOOKLINE_PAPER_PRICES === 'live'
    ? `paper (orders simulated on ${config.EXCHANGE}'s real public prices, no keys)`
    : 'paper (orders simulated on the simulated market, offline, no keys)';
}

function databaseLine(config: Config): string {
  if (config.DATABASE_URL) return `PostgreSQL server at ${location(config.DATABASE_URL)}`;
  return `embedded PGlite in ${resolve(config.DATA_DIR, 'pglite')} (one process only)`;
}

/** host:port/path of a URL, without its user and password. */
function location(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(unreadable URL)';
  }
}

/** A key's effective value as text; secrets only say whether they are set. */
function shown(key: string, config: Config): string {
  const value = (config as Record<string, unknown>)[key];
  if (key === 'HOOKLINE_ACCOUNT' && value === undefined)
    return `${tradingAccountOf(config)} (unset: the ${config.MODE} mode's account)`;
  if (value === undefined) return '(unset)';
  if (SECRETS.has(key)) return 'set (value hidden)';
  if (Array.isArray(value)) return value.length === 0 ? '(empty)' : value.join(',');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** `name   value` lines with the values in one column. */
function aligned(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`);
}
