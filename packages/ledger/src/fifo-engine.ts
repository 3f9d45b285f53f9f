// The incremental FIFO engine: fills in processing order in, allocation rows and warnings out.
// Pure and in memory; the persistence layer stores what apply() returns in the fill's transaction.
import { HooklineError, toPlainString, ZERO } from '@hookline/core';
import { processBuy, processSell } from './fill-processing.js';
import type { FillValuation } from './fill-valuation.js';
import { valueFill } from './fill-valuation.js';
import { type LedgerOptions, type ResolvedLedgerOptions, resolveLedgerOptions } from './ledger-options.js';
import type { LedgerState, ProcessingCursor } from './ledger-state.js';
import { shortfallWarning, unvaluedFeeWarning, unvaluedQuoteWarning } from './ledger-warnings.js';
import { LotQueue } from './lot-queue.js';
import { restoreLot, snapshotLot } from './lot-snapshot.js';
import { compareProcessingOrder } from './processing-order.js';
import { checkTransfer, type LedgerTransfer } from './transfer.js';
import { processTransfer } from './transfer-processing.js';
import { transferShortfallError, transferShortfallWarning } from './transfer-shortfall.js';
import type { Allocation, ApplyResult, LedgerFill, LedgerWarning, Lot } from './types.js';

interface AssetBook {
  readonly lots: LotQueue;
  /** The book's own copy, updated in place fill by fill (copied again whenever it leaves the engine). */
  cursor: MutableCursor | undefined;
}

type MutableCursor = { -readonly [Field in keyof ProcessingCursor]: ProcessingCursor[Field] };

/** The FIFO engine over any number of (account, asset) books; see docs/architecture.md "Ledger rules". */
export class FifoEngine {
  /** The options in force, defaults applied. */
  readonly options: ResolvedLedgerOptions;
  readonly #books = new Map<string, Map<string, AssetBook>>();

  constructor(options: LedgerOptions = {}) {
    this.options = resolveLedgerOptions(options);
  }

  /** An engine that resumes from exported (or rebuilt) state, as if it had applied those fills. */
  static fromState(state: LedgerState, options: LedgerOptions = {}): FifoEngine {
    const engine = new FifoEngine(options);
    for (const lot of state.lots) {
      engine.#book(lot.account, lot.asset).lots.push(restoreLot(lot, engine.options.dayOf));
    }
    for (const cursor of state.cursors) engine.#book(cursor.account, cursor.asset).cursor = { ...cursor };
    return engine;
  }

  /**
   * Applies the next fill of its (account, asset) and returns its allocations (numbered from slice 0)
   * and warnings. Throws a HooklineError, changing nothing, for an invalid fill, a fill out of
   * processing order (the caller must recompute), or, in strict mode, a sell beyond inventory.
   */
  apply(fill: LedgerFill): ApplyResult {
    const valuation = valueFill(fill, this.options);
    const asset = valuation.pair.base;
    const book = this.#book(fill.account, asset);
    checkOrder(book.cursor, fill, asset);
    const warnings: LedgerWarning[] = [];
    const allocations: Allocation[] = [];
    if (!valuation.usdQuoted) {
      advance(book, fill, asset);
      warnings.push(unvaluedQuoteWarning(fill, valuation.pair.quote));
      return { allocations, warnings };
    }
    if (this.options.strict && fill.side === 'sell') refuseShortfall(book.lots, fill, valuation);
    const day = this.options.dayOf(fill.executedAt);
    const missing =
      fill.side === 'buy'
        ? processBuy(book.lots, fill, valuation, day, allocations)
        : processSell(book.lots, fill, valuation, day, allocations);
    advance(book, fill, asset);
    if (valuation.feeUnvalued) warnings.push(unvaluedFeeWarning(fill));
    if (missing !== ZERO && !missing.isZero()) warnings.push(shortfallWarning(fill, asset, missing));
    return { allocations, warnings };
  }

  /**
   * Applies a transfer between two accounts' books of its asset (see transfer-processing.ts). Throws
   * INVALID_ARGUMENT, changing nothing, for an invalid transfer or, in strict mode, one the source
   * cannot cover; otherwise what the source lacks is not moved and is returned as a warning.
   */
  applyTransfer(transfer: LedgerTransfer): ApplyResult {
    checkTransfer(transfer);
    const source = this.#book(transfer.fromAccount, transfer.asset).lots;
    const needed = transfer.quantity.plus(transfer.feeQuantity);
    if (this.options.strict && !source.holds(needed)) {
      throw transferShortfallError(transfer, needed.minus(source.total()));
    }
    const destination = this.#book(transfer.toAccount, transfer.asset).lots;
    const day = this.options.dayOf(transfer.executedAt);
    const processed = processTransfer(source, destination, transfer, day);
    const missing = processed.missing.plus(processed.missingFee);
    const warnings = missing.isZero() ? [] : [transferShortfallWarning(transfer, missing)];
    return { allocations: processed.allocations, warnings };
  }

  /** The open lots of an (account, asset), oldest first (copies: the engine's state is not exposed). */
  openLots(account: string, asset: string): Lot[] {
    return (this.#books.get(account)?.get(asset)?.lots.open() ?? []).map(snapshotLot);
  }

  /** Every open lot, ordered by account, then asset (code-unit order), then oldest first. */
  allOpenLots(): Lot[] {
    return this.#allBooks().flatMap((book) => book.lots.open().map(snapshotLot));
  }

  /** The state as plain data, for fromState(). */
  exportState(): LedgerState {
    const books = this.#allBooks();
    return {
      lots: books.flatMap((book) => book.lots.open().map(snapshotLot)),
      cursors: books.flatMap((book) => (book.cursor ? [{ ...book.cursor }] : [])),
    };
  }

  #book(account: string, asset: string): AssetBook {
    let assets = this.#books.get(account);
    if (!assets) {
      assets = new Map();
      this.#books.set(account, assets);
    }
    let book = assets.get(asset);
    if (!book) {
      book = { lots: new LotQueue(), cursor: undefined };
      assets.set(asset, book);
    }
    return book;
  }

  // Sorted, so the order does not depend on which fill happened to create a book first.
  #allBooks(): AssetBook[] {
    return [...this.#books.keys()].sort(byCodeUnits).flatMap((account) => {
      const assets = this.#books.get(account) ?? new Map<string, AssetBook>();
      return [...assets.keys()].sort(byCodeUnits).map((asset) => assets.get(asset) as AssetBook);
    });
  }
}

// Moves the book's cursor to `fill`, reusing the cursor object: one fewer object per fill.
function advance(book: AssetBook, fill: LedgerFill, asset: string): void {
  const cursor = book.cursor;
  if (!cursor) {
    book.cursor = {
      account: fill.account,
      asset,
      executedAt: fill.executedAt,
      sequence: fill.sequence,
      fillId: fill.id,
    };
    return;
  }
  cursor.executedAt = fill.executedAt;
  cursor.sequence = fill.sequence;
  cursor.fillId = fill.id;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Allocations depend on every earlier fill of the book, so a late fill invalidates what was stored
// after it: only a recompute from that point can place it.
function checkOrder(cursor: ProcessingCursor | undefined, fill: LedgerFill, asset: string): void {
  if (!cursor) return;
  const order = compareProcessingOrder(fill, cursor);
  if (order > 0 || (order === 0 && fill.id !== cursor.fillId)) return;
  const problem =
    order === 0
      ? `fill ${fill.id} was already applied`
      : `fill ${fill.id} (executed ${fill.executedAt.toISOString()}, sequence ${fill.sequence}) comes before ` +
        `fill ${cursor.fillId} (executed ${cursor.executedAt.toISOString()}, sequence ${cursor.sequence}), ` +
        'which is already applied: recompute the ledger of this account and asset';
  throw new HooklineError('INVALID_ARGUMENT', problem, {
    context: { fillId: fill.id, account: fill.account, asset },
  });
}

function refuseShortfall(lots: LotQueue, fill: LedgerFill, valuation: FillValuation): void {
  const needed = valuation.size.plus(valuation.baseFeeUnits);
  if (lots.holds(needed)) return;
  throw new HooklineError(
    'INVALID_ARGUMENT',
    `strict ledger: sell fill ${fill.id} disposes of ${toPlainString(needed)} ${valuation.pair.base}, ` +
      `more than account ${fill.account} holds`,
    { context: { fillId: fill.id, account: fill.account, symbol: fill.symbol, side: fill.side } },
  );
}
