// Form 8949 as CSV (RFC 4180 quoting, LF line ends): one line per row with its part, then a total
// line per part, so a spreadsheet shows the form's layout and its sums.
import type { Form8949, Form8949Section } from './form-8949.js';

const header = [
  'part',
  'description',
  'date_acquired',
  'date_sold',
  'proceeds',
  'cost_basis',
  'code',
  'adjustment',
  'gain',
];

/** The form as CSV text with a header line and a trailing newline. */
export function renderForm8949Csv(form: Form8949): string {
  const lines = [header, ...sectionLines(form.shortTerm), ...sectionLines(form.longTerm)];
  return `${lines.map((fields) => fields.map(csvField).join(',')).join('\n')}\n`;
}

function sectionLines(section: Form8949Section): string[][] {
  const part = section.term === 'SHORT' ? 'short-term' : 'long-term';
  const rows = section.rows.map((row) => [
    part,
    row.description,
    row.dateAcquired,
    row.dateSold,
    row.proceeds,
    row.costBasis,
    row.code,
    row.adjustment,
    row.gain,
  ]);
  const { totals } = section;
  return [
    ...rows,
    [part, 'TOTAL', '', '', totals.proceeds, totals.costBasis, '', totals.adjustment, totals.gain],
  ];
}

/** A field quoted when it holds a comma, a quote or a line break (quotes doubled). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
