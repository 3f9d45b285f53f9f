import { type Decimal, dec, toPlainString, ZERO } from '@hookline/core';
import { ExchangeError, type ExchangeErrorContext } from '../port/exchange-error.js';
import type { Balances } from '../port/market.js';

interface Holding {
  total: Decimal;
  reserved: Decimal;
}

/** A saved balance: total and the part reserved by open orders, as decimal strings. */
export interface SavedHolding {
  readonly total: string;
  readonly reserved: string;
}

/**
 * The paper account's money: per currency the total held and the part reserved by open orders.
 * available = total − reserved, as on an exchange, so a resting buy blocks its quote.
 */
export class PaperBalances {
  readonly #holdings = new Map<string, Holding>();

  constructor(initial: Readonly<Record<string, Decimal>> = {}) {
    for (const [currency, amount] of Object.entries(initial)) this.#holding(currency).total = dec(amount);
  }

  /** Balances from saved holdings. */
  static restore(saved: Readonly<Record<string, SavedHolding>>): PaperBalances {
    const balances = new PaperBalances();
    for (const [currency, holding] of Object.entries(saved)) {
      balances.#holdings.set(currency, { total: dec(holding.total), reserved: dec(holding.reserved) });
    }
    return balances;
  }

  /** Holdings to save. */
  save(): Record<string, SavedHolding> {
    return Object.fromEntries(
      [...this.#holdings].map(([currency, holding]) => [
        currency,
        { total: toPlainString(holding.total), reserved: toPlainString(holding.reserved) },
      ]),
    );
  }

  /** What the port reports: every currency ever held, total and available. */
  view(): Balances {
    return Object.fromEntries(
      [...this.#holdings].map(([currency, holding]) => [
        currency,
        { currency, total: holding.total, available: holding.total.minus(holding.reserved) },
      ]),
    );
  }

  /** The amount not reserved. */
  available(currency: string): Decimal {
    const holding = this.#holdings.get(currency);
    return holding === undefined ? ZERO : holding.total.minus(holding.reserved);
  }

  /** Sets aside `amount` for an order; INSUFFICIENT_FUNDS when the available balance is short. */
  reserve(currency: string, amount: Decimal, context: ExchangeErrorContext): void {
    const available = this.available(currency);
    if (available.lessThan(amount)) {
      throw new ExchangeError('INSUFFICIENT_FUNDS', `available ${currency} does not cover the order`, {
        context: {
          ...context,
          currency,
          available: toPlainString(available),
          required: toPlainString(amount),
        },
      });
    }
    const holding = this.#holding(currency);
    holding.reserved = holding.reserved.plus(amount);
  }

  /** Returns reserved money to available (a fill used it, or the order ended). */
  release(currency: string, amount: Decimal): void {
    const holding = this.#holding(currency);
    holding.reserved = holding.reserved.minus(amount);
  }

  /** Adds to the total (bought base, sale proceeds). */
  credit(currency: string, amount: Decimal): void {
    const holding = this.#holding(currency);
    holding.total = holding.total.plus(amount);
  }

  /** Takes from the total (paid quote and fees, sold base). */
  debit(currency: string, amount: Decimal): void {
    const holding = this.#holding(currency);
    holding.total = holding.total.minus(amount);
  }

  #holding(currency: string): Holding {
    let holding = this.#holdings.get(currency);
    if (holding === undefined) {
      holding = { total: ZERO, reserved: ZERO };
      this.#holdings.set(currency, holding);
    }
    return holding;
  }
}
