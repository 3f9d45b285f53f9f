// Which Form 8949 box a disposal goes in, and which Schedule D line carries that box's totals.
// The box is a property of the ACCOUNT (did its broker send a 1099 for it, with basis reported?)
// and of the tax year: from 2025 digital assets have their own boxes (G–L, reported on Form
// 1099-DA); before 2025 they used the securities boxes (A–F, Form 1099-B). A form of the other
// family (a 1099-B configured for a 2025 report, a 1099-DA before 2025) counts as no form received:
// only the year's own form decides a reported box, so a wrong setting never claims basis was reported.
import type { Term } from './types.js';

/** The tax form an account's broker sends: none, Form 1099-B (before 2025) or Form 1099-DA (2025 on). */
export const TAX_FORMS = ['NONE', '1099-B', '1099-DA'] as const;
export type TaxForm = (typeof TAX_FORMS)[number];

/** An account's tax configuration (accounts.tax_form, accounts.basis_reported). */
export interface AccountTaxSetting {
  readonly taxForm: TaxForm;
  /** Whether the form reported the cost basis to the IRS (ignored when taxForm is NONE). */
  readonly basisReported: boolean;
}

/** An account with no configuration: no form received. */
export const NO_TAX_FORM: AccountTaxSetting = { taxForm: 'NONE', basisReported: false };

export type Form8949Box = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L';

/** The first tax year with the digital-asset boxes G–L (and Form 1099-DA). */
export const FIRST_DIGITAL_ASSET_BOX_YEAR = 2025;

/** The box of a disposal of `term` (a shortfall, with no term, is short-term) in `year`. */
export function form8949Box(
  year: number,
  term: Term | null,
  setting: AccountTaxSetting = NO_TAX_FORM,
): Form8949Box {
  const digital = year >= FIRST_DIGITAL_ASSET_BOX_YEAR;
  const received = setting.taxForm === (digital ? '1099-DA' : '1099-B');
  const index = received ? (setting.basisReported ? 0 : 1) : 2;
  const boxes = digital ? (term === 'LONG' ? 'JKL' : 'GHI') : term === 'LONG' ? 'DEF' : 'ABC';
  return boxes[index] as Form8949Box;
}

/** Part I (short-term) holds A–C and G–I; Part II (long-term) D–F and J–L. */
export function partOf(box: Form8949Box): 'I' | 'II' {
  return 'ABCGHI'.includes(box) ? 'I' : 'II';
}

/**
 * The Schedule D line of a box's totals. Lines 1a and 8a (basis reported, no adjustment, not on
 * Form 8949) are never used: every disposal is listed on Form 8949. The 2025 Schedule D puts the
 * digital-asset boxes on the lines of their securities twins: line 3 reads "Box C or Box I" and line
 * 10 "Box F or Box L" (found in the 2025 revision as quoted by btctax-forms' schedule_d.rs, and the
 * 2025 Form 8949 instructions: "Do not use box C to report digital asset transactions. Use box I"),
 * and lines 1b/2 and 8b/9 likewise take G/H and J/K beside A/B and D/E.
 */
export function scheduleDLine(box: Form8949Box): '1b' | '2' | '3' | '8b' | '9' | '10' {
  const lines = { A: '1b', B: '2', C: '3', D: '8b', E: '9', F: '10' } as const;
  const twin = { G: 'A', H: 'B', I: 'C', J: 'D', K: 'E', L: 'F' } as const;
  return lines[box in twin ? twin[box as keyof typeof twin] : (box as keyof typeof lines)];
}

/** Boxes in form order: Part I then Part II, securities then digital-asset boxes. */
export const BOX_ORDER: readonly Form8949Box[] = ['A', 'B', 'C', 'G', 'H', 'I', 'D', 'E', 'F', 'J', 'K', 'L'];
