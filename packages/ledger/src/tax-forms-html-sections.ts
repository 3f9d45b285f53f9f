// The parts of the HTML forms (tax-forms-html.ts): tables with escaped text and right-aligned money.
import type { AssetSummary } from './asset-summary.js';
import { type Form8949BoxSection, form8949Cells } from './form-8949.js';
import type { Form8949Totals } from './form-8949-totals.js';
import type { ScheduleD } from './schedule-d.js';
import { BOX_TEXT, boxFamily } from './tax-box-labels.js';
import type { AccountTaxForms } from './tax-forms.js';
import type { YearEndPosition } from './year-end-positions.js';

/** Text made safe for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const isMoney = (cell: string) => /^-?\d+(\.\d+)?$/.test(cell);

/** A table; numeric cells right-aligned; `totalRows` last rows in bold. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  totalRows = 0,
): string {
  const head = `<tr>${header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr>`;
  const body = rows.map((row, index) => {
    const cells = row.map((cell) => `<td${isMoney(cell) ? ' class="n"' : ''}>${escapeHtml(cell)}</td>`);
    return `<tr${index >= rows.length - totalRows ? ' class="total"' : ''}>${cells.join('')}</tr>`;
  });
  return `<table><thead>${head}</thead><tbody>${body.join('')}</tbody></table>`;
}

const money = (totals: Form8949Totals) => [totals.proceeds, totals.costBasis, totals.adjustment, totals.gain];

/** One box of Form 8949: the part, its three boxes with this one checked, rows and line 2 totals. */
export function boxSection(section: Form8949BoxSection): string {
  const part =
    section.part === 'I'
      ? 'Part I, Short-Term (held one year or less)'
      : 'Part II, Long-Term (held more than one year)';
  const boxes = boxFamily(section.box)
    .map(
      (box) =>
        `<li${box === section.box ? ' class="checked"' : ''}>${box === section.box ? '&#9746;' : '&#9744;'} (${box}) ${escapeHtml(BOX_TEXT[box])}</li>`,
    )
    .join('');
  const rows = section.rows.map(form8949Cells);
  const totals = [
    '2 Totals (to Schedule D line ' + section.scheduleDLine + ')',
    '',
    '',
    ...money(section.totals).slice(0, 2),
    '',
    ...money(section.totals).slice(2),
  ];
  const header = [
    '(a) Description of property',
    '(b) Date acquired',
    '(c) Date sold',
    '(d) Proceeds',
    '(e) Cost or other basis',
    '(f) Code',
    '(g) Adjustment',
    '(h) Gain or (loss)',
  ];
  return `<section class="form"><h2>Form 8949, ${part}: box ${section.box}</h2><ul class="boxes">${boxes}</ul>${table(header, [...rows, totals], 1)}<p class="note">Sum of the rounded rows: proceeds ${section.rowSums.proceeds}, cost ${section.rowSums.costBasis}, gain ${section.rowSums.gain}; exact: gain ${escapeHtml(section.exactTotals.gain)}.</p></section>`;
}

/** Schedule D lines 1b–3, 7, 8b–10, 15 as used. */
export function scheduleDTable(scheduleD: ScheduleD): string {
  const header = [
    'Line',
    'Form 8949 box',
    '(d) Proceeds',
    '(e) Cost',
    '(g) Adjustments',
    '(h) Gain or (loss)',
  ];
  const rows = scheduleD.lines.map((line) => [line.line, line.boxes.join(', '), ...money(line.totals)]);
  return table(
    header,
    [
      ...rows,
      ['7 Net short-term', '', ...money(scheduleD.shortTerm)],
      ['15 Net long-term', '', ...money(scheduleD.longTerm)],
    ],
    2,
  );
}

/** Each account's box totals. */
export function accountsTable(accounts: readonly AccountTaxForms[]): string {
  const rows = accounts.flatMap((account) => {
    const setting = `${account.taxSetting.taxForm}${account.taxSetting.taxForm === 'NONE' ? '' : account.taxSetting.basisReported ? ', basis reported' : ', basis not reported'}`;
    if (account.form8949.boxes.length === 0)
      return [[account.account, setting, 'no disposals', '', '', '', '']];
    return account.form8949.boxes.map((section) => [
      account.account,
      setting,
      section.box,
      ...money(section.totals),
    ]);
  });
  return table(['Account', 'Tax form', 'Box', 'Proceeds', 'Cost', 'Adjustments', 'Gain or (loss)'], rows);
}

/** The per-asset summary (exact decimals). */
export function assetsTable(assets: readonly AssetSummary[]): string {
  const rows = assets.map((asset) => [
    asset.asset,
    String(asset.disposals),
    asset.proceeds_usd,
    asset.cost_basis_usd,
    asset.short_term_gain_usd,
    asset.long_term_gain_usd,
    asset.gain_usd,
  ]);
  return table(['Asset', 'Disposals', 'Proceeds', 'Cost', 'Short-term gain', 'Long-term gain', 'Gain'], rows);
}

/** The year-end holdings; a value without a given price is `unknown`. */
export function positionsTable(positions: readonly YearEndPosition[]): string {
  if (positions.length === 0) return '<p>No open position at the end of the year.</p>';
  const rows = positions.map((p) => [
    p.account,
    p.asset,
    p.quantity,
    p.cost_basis_usd,
    p.price_usd,
    p.value_usd,
    p.unrealised_gain_usd,
  ]);
  return table(['Account', 'Asset', 'Quantity', 'Cost basis', 'Price', 'Value', 'Unrealised gain'], rows);
}
