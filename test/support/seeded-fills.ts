// Deterministic synthetic fills for the ledger's tests and its benchmarks (bench/ledger-fills.ts
// reads them too). The golden hashes in packages/ledger/test were recorded from these exact fills, so
// the generator must not change; a benchmark that wants another workload gets its own. A seeded PRNG
// (mulberry32), never Math.random.
import { type Decimal, dec } from '@hookline/core';

/** A fill with the fields of the ledger's LedgerFill (structural: this support is shared by packages). */
export interface SeededFill {
  readonly id: string;
  readonly account: string;
  readonly tradeId: string;
  readonly orderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly price: Decimal;
  readonly size: Decimal;
  readonly fee: Decimal;
  readonly feeCurrency: string;
  readonly feeUsd: Decimal | null;
  readonly executedAt: Date;
  readonly sequence: number;
}

/** A seeded generator of uniform numbers in [0, 1) (mulberry32: tiny, fast, good enough for load). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const accounts = ['alpha', 'beta', 'gamma', 'delta'];
const assets = ['BTC', 'ETH', 'SOL', 'ADA', 'DOGE'];
const start = Date.UTC(2023, 0, 1);

// One (account, asset): what it holds, in 1e-8 units so it is tracked exactly, and the order in progress.
interface Book {
  readonly account: string;
  readonly asset: string;
  held: number;
  side: 'buy' | 'sell';
  fillsLeft: number;
  unitsPerFill: number;
  price: number;
  orderId: string;
}

/**
 * Fills the way Hookline trades: orders of 1–3 fills over 4 accounts × 5 assets; a position is built
 * by buy orders and reduced or closed by sell orders (so a sell fill often spans several lots).
 * 8-decimal sizes, cent prices; fees mostly in USD, 5% in the base asset, 2% in a third asset.
 */
export class SeededFillSource {
  readonly #random: () => number;
  readonly #books: Book[];
  #next = 0;

  constructor(seed: number) {
    this.#random = seededRandom(seed);
    this.#books = accounts.flatMap((account) =>
      assets.map((asset) => ({
        account,
        asset,
        held: 0,
        side: 'buy' as const,
        fillsLeft: 0,
        unitsPerFill: 0,
        price: 0,
        orderId: '',
      })),
    );
  }

  /** The next `count` fills in processing order. */
  take(count: number): SeededFill[] {
    const fills: SeededFill[] = [];
    for (let index = 0; index < count; index++) fills.push(this.#fill());
    return fills;
  }

  #fill(): SeededFill {
    const random = this.#random;
    const sequence = this.#next++;
    const book = this.#books[Math.floor(random() * this.#books.length)] as Book;
    if (book.fillsLeft === 0) this.#startOrder(book, sequence);
    book.fillsLeft--;
    const buy = book.side === 'buy';
    const units = book.unitsPerFill;
    const feeRoll = random();
    const feeCurrency = feeRoll < 0.05 ? book.asset : feeRoll < 0.07 ? 'BNB' : 'USD';
    const feeUnits = feeCurrency === book.asset ? Math.floor(units / 1000) : 0;
    book.held += buy ? units - feeUnits : -units - feeUnits;
    return {
      id: `f${sequence}`,
      account: book.account,
      tradeId: `t${sequence}`,
      orderId: book.orderId,
      symbol: `${book.asset}/USD`,
      side: book.side,
      price: dec(fixed(book.price + Math.floor(random() * 200), 2)),
      size: dec(fixed(units, 8)),
      fee: dec(feeUnits > 0 ? fixed(feeUnits, 8) : fixed(Math.floor(random() * 500), 2)),
      feeCurrency,
      feeUsd: feeCurrency === 'BNB' ? dec(fixed(Math.floor(random() * 300), 2)) : null,
      executedAt: new Date(start + sequence * 1000),
      sequence,
    };
  }

  // Buys while the position is small, otherwise sells a quarter to all of it (fees included).
  #startOrder(book: Book, sequence: number): void {
    const random = this.#random;
    const fills = 1 + Math.floor(random() * 3);
    const sell = book.held > 10_000_000 && random() < 0.5;
    const units = sell
      ? Math.floor((book.held * (0.25 + random() * 0.75)) / 1.002)
      : 1_000_000 + Math.floor(random() * 50_000_000);
    book.side = sell ? 'sell' : 'buy';
    book.fillsLeft = fills;
    book.unitsPerFill = Math.max(1, Math.floor(units / fills));
    book.price = 100_00 + Math.floor(random() * 5_000_000);
    book.orderId = `o${sequence}`;
  }
}

// An integer of smallest units as a decimal string with `places` decimals (12345, 2 → "123.45").
function fixed(units: number, places: number): string {
  const digits = String(units).padStart(places + 1, '0');
  return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}
