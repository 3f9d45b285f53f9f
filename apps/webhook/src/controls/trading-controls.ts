// The operator's switches: trading state and the three buy guards. The trading state and the API
// guard live in Redis (every replica and a restart see the same value), under the account's own keys
// (`{prefix}:controls:{account}:{name}`: a halt, the position cap or the reconciler's REDUCING flags of
// one account never stop another account trading on the same Redis); the env guard comes from the
// configuration and the file guard from the file system, read at every decision.
//
// Before accounts had their own keys the controls lived at `{prefix}:controls:{name}`. Those keys are
// still read where the account has no value of its own, so a halt or guard set before the upgrade
// holds until an operator changes it for the account (and then only for that account): the upgrade
// never re-opens trading.
import type { Clock } from '@hookline/core';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { RiskControls } from '../execution/risk-snapshot.js';
import type { ExchangeHealth, TradingState } from '../rules/index.js';
import { buyGuardFileExists } from './buy-guard-file.js';
import { EntryPauses } from './entry-pause.js';
import { type ChangedValue, changedValueSchema, type OperatorChange } from './operator-change.js';

/** The trading states, in the order of how much they allow. */
export const tradingStates = ['ACTIVE', 'REDUCING', 'HALTED'] as const satisfies readonly TradingState[];

const tradingStateSchema = changedValueSchema(z.enum(tradingStates));
const buyGuardSchema = changedValueSchema(z.boolean());

/** What the controls are built from. */
export interface TradingControlsOptions {
  readonly redis: Redis;
  /** Redis key prefix of the service (the base prefix, without the account). */
  readonly prefix: string;
  /** The account the controls are this process's for. */
  readonly account: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** HOOKLINE_BUY_GUARD. */
  readonly envBuyGuard: boolean;
  /** HOOKLINE_BUY_GUARD_FILE; undefined = no file guard. */
  readonly buyGuardFile: string | undefined;
  /** The exchange circuits' health (the worse of both breakers), read at every decision. */
  readonly exchangeHealth: () => ExchangeHealth;
  /** The orders breaker's health, read at every exit (default: exchangeHealth). */
  readonly orderCircuitHealth?: () => ExchangeHealth;
  /**
   * Why entries must wait (the start-up reconciliation has not succeeded yet), or undefined. While it
   * says something, entries wait (riskControls' entriesHeldBecause); exits run.
   */
  readonly entriesHeldBecause?: () => string | undefined;
}

/** Everything the controls say now, with who changed what (GET /api/risk). */
export interface ControlsSnapshot {
  readonly tradingState: TradingState;
  readonly tradingStateChange: ChangedValue<TradingState> | undefined;
  readonly buyGuard: {
    readonly active: boolean;
    readonly env: boolean;
    readonly file: boolean;
    readonly filePath: string | undefined;
    readonly api: boolean;
    readonly apiChange: ChangedValue<boolean> | undefined;
  };
  readonly exchangeHealth: ExchangeHealth;
  /** The orders breaker's health (what exits read). */
  readonly orderCircuitHealth: ExchangeHealth;
  /** Symbols the reconciler put in REDUCING (zombie position, unknown holding), with the reason. */
  readonly reducingSymbols: Record<string, string>;
  /** Set while entries wait for the start-up reconciliation. */
  readonly entriesHeldBecause: string | undefined;
}

/** The one object the risk snapshot and the admin API share. */
export class TradingControls {
  readonly #options: TradingControlsOptions;
  readonly #pauses = new EntryPauses();

  constructor(options: TradingControlsOptions) {
    this.#options = options;
  }

  /**
   * What the risk gate reads at every decision. An ACTIVE account reads as REDUCING for a symbol the
   * reconciler flagged; while the start-up reconciliation is pending, entriesHeldBecause says so
   * (entries wait for it, and are not refused as REDUCING).
   */
  async riskControls(symbol?: string): Promise<RiskControls> {
    const snapshot = await this.snapshot();
    const { env, file, api } = snapshot.buyGuard;
    const flagged = symbol !== undefined && snapshot.reducingSymbols[symbol] !== undefined;
    return {
      tradingState: snapshot.tradingState === 'ACTIVE' && flagged ? 'REDUCING' : snapshot.tradingState,
      buyGuard: { env, file, api },
      exchangeHealth: snapshot.exchangeHealth,
      orderCircuitHealth: snapshot.orderCircuitHealth,
      ...(snapshot.entriesHeldBecause === undefined
        ? {}
        : { entriesHeldBecause: snapshot.entriesHeldBecause }),
    };
  }

  /** One pause of an entry waiting for the start-up reconciliation; rejects once close() was called. */
  pauseEntry(): Promise<void> {
    return this.#pauses.pause();
  }

  /** The system stops: entries waiting for the start-up reconciliation stop waiting (and are retried). */
  close(): void {
    this.#pauses.close();
  }

  /** The controls with their sources and last changes. */
  async snapshot(): Promise<ControlsSnapshot> {
    const { redis, envBuyGuard, buyGuardFile } = this.#options;
    // Every key in one round trip (this runs for every entry decided), the guard file meanwhile.
    const read = redis
      .pipeline()
      .mget(
        this.#key('trading-state'),
        this.#key('buy-guard'),
        this.#legacyKey('trading-state'),
        this.#legacyKey('buy-guard'),
      )
      .hgetall(this.#legacyKey('reducing-symbols'))
      .hgetall(this.#key('reducing-symbols'))
      .exec();
    const [replies, file] = await Promise.all([read, buyGuardFileExists(buyGuardFile)]);
    if (replies === null) throw new Error('the trading controls read was discarded by Redis');
    const [values, legacyReducing, reducing] = replies.map(([error, value]) => {
      if (error) throw error;
      return value;
    }) as [(string | null)[], Record<string, string>, Record<string, string>];
    const [stateValue, guardValue, legacyState, legacyGuard] = values;
    const stateText = stateValue ?? legacyState ?? null;
    const guardText = guardValue ?? legacyGuard ?? null;
    const stateChange = parseStored(tradingStateSchema, stateText);
    const guardChange = parseStored(buyGuardSchema, guardText);
    // A stored value this version cannot read fails safe: HALTED, guard on (never re-opens trading).
    const api = guardText === null ? false : (guardChange?.value ?? true);
    const tradingState = stateText === null ? 'ACTIVE' : (stateChange?.value ?? 'HALTED');
    return {
      tradingState,
      tradingStateChange: stateChange,
      buyGuard: {
        active: envBuyGuard || file || api,
        env: envBuyGuard,
        file,
        filePath: buyGuardFile,
        api,
        apiChange: guardChange,
      },
      exchangeHealth: this.#options.exchangeHealth(),
      orderCircuitHealth: (this.#options.orderCircuitHealth ?? this.#options.exchangeHealth)(),
      reducingSymbols: { ...legacyReducing, ...reducing },
      entriesHeldBecause: this.#options.entriesHeldBecause?.(),
    };
  }

  /** Puts one symbol in REDUCING for every replica (the reconciler found a mismatch); logged. */
  async markSymbolReducing(symbol: string, reason: string): Promise<void> {
    await this.#options.redis.hset(this.#key('reducing-symbols'), symbol, reason);
    this.#options.logger.warn({ control: 'reducing-symbols', symbol, reason }, 'symbol put in REDUCING');
  }

  /**
   * Clears every per-symbol REDUCING flag of the account, and those left from before accounts had
   * their own keys (an operator resumed after checking); logged with who.
   */
  async clearReducingSymbols(change: OperatorChange): Promise<void> {
    await this.#options.redis.del(this.#key('reducing-symbols'), this.#legacyKey('reducing-symbols'));
    this.#options.logger.warn(
      { control: 'reducing-symbols', by: change.by, reason: change.reason },
      'control changed',
    );
  }

  /** Sets the trading state for every replica; logged with who and why. */
  async setTradingState(state: TradingState, change: OperatorChange): Promise<ChangedValue<TradingState>> {
    return await this.#write('trading-state', state, change);
  }

  /** Switches the API buy guard for every replica; logged with who and why. */
  async setApiBuyGuard(on: boolean, change: OperatorChange): Promise<ChangedValue<boolean>> {
    return await this.#write('buy-guard', on, change);
  }

  async #write<Value>(name: string, value: Value, change: OperatorChange): Promise<ChangedValue<Value>> {
    const stored: ChangedValue<Value> = { value, ...change, at: this.#options.clock.now().toISOString() };
    await this.#options.redis.set(this.#key(name), JSON.stringify(stored));
    this.#options.logger.warn(
      { control: name, value, by: change.by, reason: change.reason },
      'control changed',
    );
    return stored;
  }

  #key(name: string): string {
    return `${this.#options.prefix}:controls:${this.#options.account}:${name}`;
  }

  // The key of a control before accounts had their own: read only where the account has no value.
  #legacyKey(name: string): string {
    return `${this.#options.prefix}:controls:${name}`;
  }
}

// undefined for a missing or unreadable value (the caller decides the fail-safe default).
function parseStored<Schema extends z.ZodType>(
  schema: Schema,
  text: string | null,
): z.output<Schema> | undefined {
  if (text === null) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
