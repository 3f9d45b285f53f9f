// Form 8949 as CSV (RFC 4180 quoting, LF line ends), in the form's column order: each row with its
// part and box, then a TOTAL line per box (rounded once from exact sums, form-8949-totals.ts). A
// year without disposals gets one line saying so under the header, never an empty file.
import { type Form8949, type Form8949BoxSection, form8949Cells } from './form-8949.js';

const header = [
  'part',
  'box',
  'account',
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
  const body =
    form.boxes.length === 0
      ? [['', '', '', `no disposals in ${form.year}`, '', '', '0.00', '0.00', '', '0.00', '0.00']]
      : form.boxes.flatMap(boxLines);
  const lines = [header, ...body];
  return `${lines.map((fields) => fields.map(csvField).join(',')).join('\n')}\n`;
}

function boxLines(section: Form8949BoxSection): string[][] {
  const part = section.part === 'I' ? 'I short-term' : 'II long-term';
  const rows = section.rows.map((row) => [part, section.box, row.account, ...form8949Cells(row)]);
  const { totals } = section;
  return [
    ...rows,
    [
      part,
      section.box,
      '',
      'TOTAL',
      '',
      '',
      totals.proceeds,
      totals.costBasis,
      '',
      totals.adjustment,
      totals.gain,
    ],
  ];
}

/** A field quoted when it holds a comma, a quote or a line break (quotes doubled). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
