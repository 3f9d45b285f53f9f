// The sentinel's memory per open position (table position_state): entry time, peak, trailing stop,
// and the HODL and dust flags. Read once per sweep; what changed is written back in one statement,
// so a sweep over thousands of positions costs one round trip, and a restarted sentinel (or the
// replica that takes the lease over) continues trailing where the last one left off. Rows that did
// not change are not rewritten, so last_evaluated_at is the last sweep that changed the row (the
// sentinel heartbeat, not this column, says whether the loop is alive). Only the sentinel writes the
// table, and only while it holds its lease (or alone in a backtest's own database): for as long as one
// holding lasts (a writer term), the store keeps what it read and wrote and does not read it again.
import { type Decimal, dec, toPlainString } from '@hookline/core';
import { clientOf, type Store } from '../store.js';

/** The trailing-stop memory of one position (the exit rules' TrailingState). */
export interface StoredTrailingState {
  /** The position's entry time when this state was started; another entry time means another position. */
  readonly entryTimeMs: number;
  /** The highest valid bid seen since the state was started. */
  readonly peakPrice: Decimal;
  readonly trailingActive: boolean;
  readonly trailingStop: Decimal | undefined;
}

/** One position's stored state. */
export interface StoredPositionState {
  readonly symbol: string;
  readonly trailing: StoredTrailingState;
  /** The base asset is in HOOKLINE_HODL_ASSETS: never sold automatically. */
  readonly hodl: boolean;
  /** The executor found the sellable remainder below the exchange minimum: not retried. */
  readonly dust: boolean;
}

/** How the store reads. */
export interface PositionStateStoreOptions {
  /**
   * The term of this store's exclusive right to write the rows: while it returns one number, nothing
   * but this store writes them, so the rows are read once in that term and then kept as written; a new
   * number (the sentinel's lease taken anew, after another replica may have written) reads again;
   * undefined (no right now) reads every time. Unset: every load reads.
   */
  readonly writerTerm?: () => number | undefined;
}

/** The rows of one account as read and written during one writer term. */
interface KeptRows {
  readonly term: number;
  readonly rows: Map<string, StoredPositionState>;
}

/** Reads and writes position_state. */
export class PositionStateStore {
  readonly #prisma: ReturnType<typeof clientOf>;
  readonly #writerTerm: () => number | undefined;
  readonly #kept = new Map<string, KeptRows>();

  constructor(store: Store, options: PositionStateStoreOptions = {}) {
    this.#prisma = clientOf(store);
    this.#writerTerm = options.writerTerm ?? (() => undefined);
  }

  /** Every stored state of the account, by symbol. */
  async load(account: string): Promise<Map<string, StoredPositionState>> {
    const term = this.#writerTerm();
    const kept = this.#kept.get(account);
    if (term !== undefined && kept?.term === term) return new Map(kept.rows);
    this.#kept.delete(account);
    const states = await this.#read(account);
    // Kept only when the term did not change while reading (a read across two terms proves nothing).
    if (term !== undefined && this.#writerTerm() === term)
      this.#kept.set(account, { term, rows: new Map(states) });
    return states;
  }

  async #read(account: string): Promise<Map<string, StoredPositionState>> {
    const rows = await this.#prisma.positionState.findMany({ where: { account } });
    return new Map(
      rows.map((row) => [
        row.symbol,
        {
          symbol: row.symbol,
          hodl: row.hodl,
          dust: row.dust,
          trailing: {
            entryTimeMs: row.entryTime.getTime(),
            peakPrice: dec(row.peakPrice.toString()),
            trailingActive: row.trailingActive,
            trailingStop: row.trailingStop === null ? undefined : dec(row.trailingStop.toString()),
          },
        },
      ]),
    );
  }

  /**
   * Upserts `changed` (one INSERT … SELECT FROM unnest … ON CONFLICT statement) and deletes the
   * states of the account's symbols not in `openSymbols`: a closed position's state must not be
   * inherited by the next position on that symbol. Both in one transaction.
   */
  async sync(
    account: string,
    changed: readonly StoredPositionState[],
    staleSymbols: readonly string[],
    now: Date,
  ): Promise<void> {
    const kept = this.#kept.get(account);
    // Until the write is known to have committed, what is kept may not be what is stored.
    this.#kept.delete(account);
    const statements = [];
    if (changed.length > 0) statements.push(this.#upsert(account, changed, now));
    if (staleSymbols.length > 0) {
      statements.push(
        this.#prisma.$executeRaw`
          DELETE FROM position_state WHERE account = ${account} AND symbol = ANY(${[...staleSymbols]}::text[])`,
      );
    }
    if (statements.length > 0) await this.#prisma.$transaction(statements);
    if (kept === undefined || kept.term !== this.#writerTerm()) return;
    for (const state of changed) kept.rows.set(state.symbol, asRead(state));
    for (const symbol of staleSymbols) kept.rows.delete(symbol);
    this.#kept.set(account, kept);
  }

  #upsert(account: string, changed: readonly StoredPositionState[], now: Date) {
    const column = <T>(pick: (state: StoredPositionState) => T): T[] => changed.map(pick);
    const decimal = (value: Decimal | undefined): string | null =>
      value === undefined ? null : toPlainString(value);
    return this.#prisma.$executeRaw`
      INSERT INTO position_state (account, symbol, entry_time, peak_price, trailing_active, trailing_stop,
                                  last_evaluated_at, hodl, dust, updated_at)
      SELECT ${account}, s.symbol, s.entry_time, s.peak_price::numeric, s.trailing_active,
             s.trailing_stop::numeric, ${now}, s.hodl, s.dust, ${now}
      FROM unnest(${column((state) => state.symbol)}::text[],
                  ${column((state) => new Date(state.trailing.entryTimeMs))}::timestamptz[],
                  ${column((state) => decimal(state.trailing.peakPrice))}::text[],
                  ${column((state) => state.trailing.trailingActive)}::boolean[],
                  ${column((state) => decimal(state.trailing.trailingStop))}::text[],
                  ${column((state) => state.hodl)}::boolean[],
                  ${column((state) => state.dust)}::boolean[])
        AS s(symbol, entry_time, peak_price, trailing_active, trailing_stop, hodl, dust)
      ON CONFLICT (account, symbol) DO UPDATE SET
        entry_time = EXCLUDED.entry_time, peak_price = EXCLUDED.peak_price,
        trailing_active = EXCLUDED.trailing_active, trailing_stop = EXCLUDED.trailing_stop,
        last_evaluated_at = EXCLUDED.last_evaluated_at, hodl = EXCLUDED.hodl, dust = EXCLUDED.dust,
        updated_at = EXCLUDED.updated_at`;
  }
}

// A written state as a read gives it back: only the stored fields, the decimals by value.
function asRead(state: StoredPositionState): StoredPositionState {
  const { trailing } = state;
  return {
    symbol: state.symbol,
    hodl: state.hodl,
    dust: state.dust,
    trailing: {
      entryTimeMs: trailing.entryTimeMs,
      peakPrice: dec(toPlainString(trailing.peakPrice)),
      trailingActive: trailing.trailingActive,
      trailingStop:
        trailing.trailingStop === undefined ? undefined : dec(toPlainString(trailing.trailingStop)),
    },
  };
}
