// Form 8949, Schedule D and the ledger agree, for every year of the generated histories. The rules:
//   - a box total is its rows' EXACT sum rounded once to cents (half up); its gain is the rounded
//     proceeds − cost + adjustment;
//   - the rounded rows of a box add up to its total within half a cent per row;
//   - a Schedule D line is the sum of its boxes' totals, and line 7 + line 15 is the grand total;
//   - the exact sums of all boxes (and of all accounts, and of all assets) equal the ledger's totals
//     (taxTotals) exactly, so the rounded grand total is within half a cent per box of the ledger's.
import { type Decimal, dec, roundUsd, sum, toFixedString, ZERO } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { SeededFillSource } from '../../../test/support/seeded-fills.js';
import {
  type AccountTaxSetting,
  type Form8949Totals,
  type LedgerFill,
  type LedgerOptions,
  recompute,
  scheduleDLine,
  taxForms,
} from '../src/index.js';
import { irregular } from './support/irregular-fills.js';

// One account per kind of configuration, so both box families and all their boxes are used.
const taxSettings = new Map<string, AccountTaxSetting>([
  ['alpha', { taxForm: '1099-B', basisReported: true }],
  ['beta', { taxForm: '1099-B', basisReported: false }],
  ['gamma', { taxForm: '1099-DA', basisReported: true }],
  ['delta', { taxForm: '1099-DA', basisReported: false }],
]);
const accounts = [...taxSettings.keys()];

/** A generated history stretched over about four years (a fill every `hours`). */
function history(seed: number, hours: number, bend = false): LedgerFill[] {
  const fills = new SeededFillSource(seed).take(8_000).map((fill, index) => ({
    ...fill,
    executedAt: new Date(Date.UTC(2023, 0, 1) + index * hours * 3_600_000),
  }));
  return bend ? irregular(fills) : fills;
}

const fixtures: Array<{ name: string; fills: LedgerFill[]; options: LedgerOptions }> = [
  { name: 'seed 1', fills: history(1, 4), options: {} },
  { name: 'seed 2', fills: history(2, 4.2), options: {} },
  { name: 'seed 4 irregular', fills: history(4, 4), options: {} },
  { name: 'seed 5 New York', fills: history(5, 4), options: { timezone: 'America/New_York' } },
];

const money = (totals: Form8949Totals) => [totals.proceeds, totals.costBasis, totals.adjustment, totals.gain];
const cents = (value: Decimal | string) => toFixedString(roundUsd(dec(value)), 2);
const add = (values: readonly string[]) =>
  values.length === 0 ? ZERO : sum(values.map((value) => dec(value)));

describe.each(fixtures)('tax forms of $name', ({ fills, options }) => {
  const { allocations } = recompute(fills, options);
  const timezone = options.timezone ?? 'UTC';
  const years = [2023, 2024, 2025, 2026, 2027];

  it.each(years)('when the forms of %i are built then rows, boxes, lines and the ledger agree', (year) => {
    const forms = taxForms(allocations, { year, timezone, taxSettings, accounts });
    expect(forms.noDisposals).toBe(year === 2027);
    for (const section of forms.form8949.boxes) {
      expect(section.box >= 'G').toBe(year >= 2025);
      expect(section.scheduleDLine).toBe(scheduleDLine(section.box));
      const { totals, exactTotals, rowSums, rows } = section;
      expect([totals.proceeds, totals.costBasis, totals.adjustment]).toEqual(
        [exactTotals.proceeds, exactTotals.costBasis, exactTotals.adjustment].map(cents),
      );
      expect(dec(totals.gain)).toEqual(dec(totals.proceeds).minus(totals.costBasis).plus(totals.adjustment));
      const slack = dec('0.005').times(rows.length);
      for (const [index, rowSum] of money(rowSums).entries()) {
        expect(
          dec(rowSum)
            .minus(money(totals)[index] ?? '0')
            .abs()
            .lte(slack.times(index === 3 ? 2 : 1)),
        ).toBe(true);
      }
      expect(rowSums).toEqual({
        proceeds: cents(add(rows.map((row) => row.proceeds))),
        costBasis: cents(add(rows.map((row) => row.costBasis))),
        adjustment: cents(add(rows.map((row) => row.adjustment))),
        gain: cents(add(rows.map((row) => row.gain))),
      });
    }
    const { scheduleD } = forms;
    for (const line of scheduleD.lines) {
      const boxes = forms.form8949.boxes.filter((section) => line.boxes.includes(section.box));
      expect(money(line.totals)).toEqual(
        [0, 1, 2, 3].map((column) =>
          cents(add(boxes.map((section) => money(section.totals)[column] ?? '0'))),
        ),
      );
    }
    expect(money(scheduleD.total)).toEqual(
      [0, 1, 2, 3].map((column) =>
        cents(add([money(scheduleD.shortTerm)[column] ?? '0', money(scheduleD.longTerm)[column] ?? '0'])),
      ),
    );
    // The exact sums over boxes, accounts and assets are the ledger's totals, to the last digit.
    const exact = forms.form8949.boxes.map((section) => section.exactTotals);
    const partGain = (part: 'I' | 'II') =>
      add(
        forms.form8949.boxes
          .filter((section) => section.part === part)
          .map((section) => section.exactTotals.gain),
      );
    expect(add(exact.map((totals) => totals.proceeds))).toEqual(dec(forms.totals.net_proceeds_usd));
    expect(add(exact.map((totals) => totals.costBasis))).toEqual(dec(forms.totals.cost_basis_usd));
    expect(add(exact.map((totals) => totals.gain))).toEqual(dec(forms.totals.pnl_usd));
    expect(partGain('I')).toEqual(dec(forms.totals.short_term_pnl_usd));
    expect(partGain('II')).toEqual(dec(forms.totals.long_term_pnl_usd));
    expect(add(forms.accounts.map((account) => account.totals.pnl_usd))).toEqual(dec(forms.totals.pnl_usd));
    expect(add(forms.assets.map((asset) => asset.gain_usd))).toEqual(dec(forms.totals.pnl_usd));
    // The rounded grand total is within half a cent per box (per column, twice that for the gain).
    const boxSlack = dec('0.01').times(forms.form8949.boxes.length);
    expect(dec(scheduleD.total.gain).minus(forms.totals.pnl_usd).abs().lte(boxSlack)).toBe(true);
    expect(dec(scheduleD.total.proceeds).minus(forms.totals.net_proceeds_usd).abs().lte(boxSlack)).toBe(true);
  });

  it('when every year is reported then each disposal is in exactly one year', () => {
    const counts = years.map(
      (year) =>
        taxForms(allocations, { year, timezone, accounts }).form8949.boxes.flatMap((box) => box.rows).length,
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(allocations.length);
  });
});
