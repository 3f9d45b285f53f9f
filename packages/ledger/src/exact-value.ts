// What the engine's exact values (exact-amount.ts, exact-quantity.ts) share: a value held in plain
// numbers when it fits, each kind in its own form of core's (fixed point for USD amounts, a scaled
// integer for quantities), or else as a Decimal. The plain form is read from a Decimal only when
// first asked, and the Decimal made from the plain form only when read, so the arithmetic of a row
// allocates nothing until its columns are made, each Decimal once.
import type { Decimal } from '@hookline/core';

// What the plain-number fields hold.
const unknown = 0;
const plain = 1;
const decimalOnly = 2;

/** A mutable exact value; its plain-number fields hold the value when isPlain(). */
export abstract class ExactValue {
  #form = unknown;
  #decimal: Decimal | null = null;

  /** Becomes `value`; reading `decimal` gives this same Decimal back until the next change. */
  setDecimal(value: Decimal): this {
    this.#decimal = value;
    this.#form = unknown;
    return this;
  }

  /** The value as a Decimal (made once per change). */
  get decimal(): Decimal {
    if (this.#decimal === null) this.#decimal = this.toDecimal();
    return this.#decimal;
  }

  /** True when the plain-number fields hold the value (read from the Decimal the first time it is asked). */
  isPlain(): boolean {
    if (this.#form === unknown) this.#form = this.read(this.#decimal as Decimal) ? plain : decimalOnly;
    return this.#form === plain;
  }

  isZero(): boolean {
    // A plain value is never zero.
    return this.#decimal?.isZero() === true;
  }

  /** Takes `other`'s form and Decimal (the subclass copies its plain-number fields). */
  protected assignValue(other: ExactValue): void {
    this.#form = other.#form;
    this.#decimal = other.#decimal;
  }

  /** The plain-number fields were written; `decimal`, when given, is the same value. */
  protected plainWritten(decimal: Decimal | null): void {
    this.#form = plain;
    this.#decimal = decimal;
  }

  /** Becomes `value`, known not to fit the plain form (zero, which decimal.js gives a sign). */
  protected decimalOnly(value: Decimal): void {
    this.#form = decimalOnly;
    this.#decimal = value;
  }

  /** Writes `value` into the plain-number fields; false when it does not fit. */
  protected abstract read(value: Decimal): boolean;

  /** The Decimal of the plain-number fields. */
  protected abstract toDecimal(): Decimal;
}
