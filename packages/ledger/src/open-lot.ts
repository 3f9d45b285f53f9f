// A lot as the engine holds it: what was bought (or moved in by a transfer), and what remains of its
// size and fee as takes consume it. What remains is kept in plain fields rather than objects, so a
// take allocates nothing for the lot itself; the fee's division by the original size is made when a
// take first needs it.
import type { Decimal } from '@hookline/core';
import type { CalendarDay } from './calendar-date.js';
import { ExactAmount } from './exact-amount.js';
import { ExactQuantity } from './exact-quantity.js';
import { ProportionalFee } from './proportional-fee.js';
import type { LotTerms } from './types.js';

// How the remaining fee is held.
const wholeFee = 0;
const fixedFee = 1;
const decimalFee = 2;

/**
 * An open lot: its unchanging columns (`terms`, the shape types.ts declares for the exported Lot too),
 * with the remaining size and fee kept exactly.
 */
export class OpenLot {
  readonly terms: LotTerms;
  /** The buy date in the tax timezone, computed once per lot for the holding period. */
  readonly buyDay: CalendarDay;
  #fee: ProportionalFee | undefined;
  // price and size as scaled integers, read by the first take (0: not read yet, or not held so).
  #priceInteger = 0;
  #priceScale = 0;
  #wholeInteger = 0;
  #wholeScale = 0;
  // The remaining size: #sizeInteger × 10^−#sizeScale when #sizeInteger > 0, otherwise #sizeDecimal,
  // or all of size while no take has left part of the lot.
  #sizeInteger = 0;
  #sizeScale = 0;
  #sizeDecimal: Decimal | undefined;
  // The remaining fee: all of feeUsd, core's fixed-point words, or #feeDecimal.
  #feeForm = wholeFee;
  #feeInteger = 0;
  #feeF1 = 0;
  #feeF2 = 0;
  #feeF3 = 0;
  #feeDecimal: Decimal | undefined;

  constructor(terms: LotTerms, buyDay: CalendarDay) {
    this.terms = terms;
    this.buyDay = buyDay;
  }

  /** The lot's fee by its original size: what a partial slice's fee is a share of. */
  get fee(): ProportionalFee {
    this.#fee ??= new ProportionalFee(this.terms.feeUsd, this.terms.size);
    return this.#fee;
  }

  get feesPerUnit(): Decimal {
    return this.fee.perUnit;
  }

  get remainingSize(): Decimal {
    this.remainingInto(size);
    return size.decimal;
  }

  get remainingFeeUsd(): Decimal {
    this.remainingFeeInto(fee);
    return fee.decimal;
  }

  /** Sets what remains of a lot rebuilt from stored state. */
  restoreRemaining(remainingSize: Decimal, remainingFeeUsd: Decimal): void {
    this.#sizeDecimal = remainingSize;
    this.#feeForm = decimalFee;
    this.#feeDecimal = remainingFeeUsd;
  }

  /** into = the price, as a factor. */
  priceInto(into: ExactQuantity): void {
    const { price } = this.terms;
    if (this.#priceInteger > 0) {
      into.setScaled(this.#priceInteger, this.#priceScale, price);
      return;
    }
    into.setDecimal(price);
    if (into.isPlain()) {
      this.#priceInteger = into.integer;
      this.#priceScale = into.scale;
    }
  }

  /** into = the size that remains. */
  remainingInto(into: ExactQuantity): void {
    if (this.#sizeInteger > 0) into.setScaled(this.#sizeInteger, this.#sizeScale);
    else if (this.#sizeDecimal !== undefined) into.setDecimal(this.#sizeDecimal);
    else if (this.#wholeInteger > 0) into.setScaled(this.#wholeInteger, this.#wholeScale, this.terms.size);
    else {
      into.setDecimal(this.terms.size);
      if (into.isPlain()) {
        this.#wholeInteger = into.integer;
        this.#wholeScale = into.scale;
      }
    }
  }

  /** into = the fee that remains. */
  remainingFeeInto(into: ExactAmount): void {
    if (this.#feeForm === fixedFee) into.setFixed(this.#feeInteger, this.#feeF1, this.#feeF2, this.#feeF3);
    else into.setDecimal(this.#feeForm === wholeFee ? this.terms.feeUsd : (this.#feeDecimal as Decimal));
  }

  /**
   * Takes `quantity`, less than what remains, with its truncated share of the fee written into
   * `buyFee`, so the slices of a consumed lot add up exactly to its fee.
   */
  takePart(quantity: ExactQuantity, buyFee: ExactAmount): void {
    this.fee.shareInto(buyFee, quantity);
    this.remainingInto(size);
    size.setDifference(size, quantity);
    if (size.isPlain()) {
      this.#sizeInteger = size.integer;
      this.#sizeScale = size.scale;
    } else {
      this.#sizeInteger = 0;
      this.#sizeDecimal = size.decimal;
    }
    if (buyFee.isZero()) return;
    this.remainingFeeInto(fee);
    fee.setDifference(fee, buyFee);
    if (fee.isPlain()) {
      this.#feeForm = fixedFee;
      this.#feeInteger = fee.integer;
      this.#feeF1 = fee.f1;
      this.#feeF2 = fee.f2;
      this.#feeF3 = fee.f3;
    } else {
      this.#feeForm = decimalFee;
      this.#feeDecimal = fee.decimal;
    }
  }
}

// Where a lot's remainder is computed and read (one lot at a time).
const size = new ExactQuantity();
const fee = new ExactAmount();
