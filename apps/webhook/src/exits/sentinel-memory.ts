// What the exit sentinel remembers between sweeps — the position cap's phase, the back-off after a
// refused exit, the dust flags and the why-not-sold de-duplication — kept in table sentinel_memory
// (one JSON value per account, kind and symbol) so that a restart or a lease hand-over continues
// where the last sweep left off instead of starting them over.
//
// Why a table of its own and not columns on position_state: position_state holds one open position's
// trailing stop and is rewritten only when that changes, while this memory is partly the account's
// (the cap's phase has no symbol), lives on symbols that have no state row yet (a stale quote, a
// refusal before the first evaluation) and changes at other moments (a refusal, a record). Its rows
// go when the position closes, as position_state's do.
//
// Each sweep reads the account's rows once (load) and writes what changed in one transaction (flush):
// the leader of the moment always starts from what the previous leader wrote. Without a store (unit
// tests of Exits) it is memory of this process only. When this process is the table's only writer (a
// backtest's own database), what was stored is what it already holds, so only the first load reads.
import { readSentinelMemory, type Store, writeSentinelMemory } from '@hookline/store';

/** What is remembered. */
export type SentinelMemoryKind = 'CAP_PHASE' | 'EXIT_RETRY' | 'DUST' | 'WHY_NOT_SOLD';

/** The symbol of what belongs to the account rather than a position (the cap's phase). */
export const ACCOUNT_WIDE = '*';

/** Where the memory is kept. */
export interface SentinelMemoryOptions {
  readonly store: Store;
  readonly account: string;
  readonly now: () => Date;
  /**
   * True when nothing but this process writes the account's rows (no lease, no other replica): after
   * the first read, a load only writes what is pending (the rows are then what this memory holds).
   */
  readonly soleWriter?: boolean;
}

type Key = `${SentinelMemoryKind}|${string}`;

/** The sentinel's memory of one account (see the file comment). */
export class SentinelMemory {
  readonly #options: SentinelMemoryOptions | undefined;
  #values = new Map<Key, unknown>();
  /** Changed since the last flush: the new value, or undefined for a removal. */
  readonly #dirty = new Map<Key, unknown>();
  #read = false;

  /** Without options: this process's memory only. */
  constructor(options?: SentinelMemoryOptions) {
    this.#options = options;
  }

  /** Reads what is stored (after writing what is still pending, so nothing of this process is lost). */
  async load(): Promise<void> {
    if (this.#options === undefined) return;
    await this.flush();
    if (this.#read && this.#options.soleWriter === true) return;
    const entries = await readSentinelMemory(this.#options.store, this.#options.account);
    this.#values = new Map(
      entries.map((entry) => [keyOf(entry.kind as SentinelMemoryKind, entry.symbol), entry.value]),
    );
    this.#read = true;
  }

  /** Writes what changed since the last flush, in one transaction. */
  async flush(): Promise<void> {
    if (this.#options === undefined || this.#dirty.size === 0) {
      this.#dirty.clear();
      return;
    }
    const pending = [...this.#dirty.entries()];
    const changes = pending.map(([key, value]) => ({ ...partsOf(key), value }));
    await writeSentinelMemory(this.#options.store, this.#options.account, {
      put: changes.filter((change) => change.value !== undefined),
      remove: changes.filter((change) => change.value === undefined),
      now: this.#options.now(),
    });
    for (const [key, value] of pending) {
      if (this.#dirty.get(key) === value) this.#dirty.delete(key);
    }
  }

  /** The remembered value, or undefined. */
  get(kind: SentinelMemoryKind, symbol: string): unknown {
    return this.#values.get(keyOf(kind, symbol));
  }

  /** Remembers `value` (plain JSON). */
  set(kind: SentinelMemoryKind, symbol: string, value: unknown): void {
    const key = keyOf(kind, symbol);
    this.#values.set(key, value);
    this.#dirty.set(key, value);
  }

  /** Forgets one value. */
  delete(kind: SentinelMemoryKind, symbol: string): void {
    const key = keyOf(kind, symbol);
    if (!this.#values.has(key)) return;
    this.#values.delete(key);
    this.#dirty.set(key, undefined);
  }

  /** Forgets everything about a symbol (its position closed). */
  forgetSymbol(symbol: string): void {
    for (const key of [...this.#values.keys()]) {
      const parts = partsOf(key);
      if (parts.symbol === symbol) this.delete(parts.kind, symbol);
    }
  }

  /** The symbols with a value of `kind`. */
  symbols(kind?: SentinelMemoryKind): string[] {
    const symbols = [...this.#values.keys()]
      .map(partsOf)
      .filter((parts) => kind === undefined || parts.kind === kind)
      .map((parts) => parts.symbol);
    return [...new Set(symbols)].sort();
  }
}

function keyOf(kind: SentinelMemoryKind, symbol: string): Key {
  return `${kind}|${symbol}`;
}

function partsOf(key: Key | string): { kind: SentinelMemoryKind; symbol: string } {
  const bar = key.indexOf('|');
  return { kind: key.slice(0, bar) as SentinelMemoryKind, symbol: key.slice(bar + 1) };
}
