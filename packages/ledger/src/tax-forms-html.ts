// The year's forms as one self-contained, printable HTML file (no script, no external resource):
// Form 8949 Part I / Part II one box at a time with that box checked, its rows and totals; the
// Schedule D lines; per-account totals; the per-asset summary; the open positions at year end.
import type { TaxForms } from './tax-forms.js';
import {
  accountsTable,
  assetsTable,
  boxSection,
  escapeHtml,
  positionsTable,
  scheduleDTable,
  table,
} from './tax-forms-html-sections.js';

const css = `
body { font: 10pt/1.35 "Helvetica Neue", Arial, sans-serif; color: #000; margin: 1.5cm; }
h1 { font-size: 15pt; margin: 0 0 .2em; } h2 { font-size: 12pt; margin: 1.2em 0 .3em; border-bottom: 2px solid #000; }
h3 { font-size: 10.5pt; margin: .8em 0 .2em; } .note { color: #333; font-size: 8.5pt; }
.empty { border: 2px solid #000; padding: .8em; font-size: 12pt; font-weight: bold; }
.warning { border: 2px solid #b00; padding: .5em; color: #b00; }
.boxes { list-style: none; padding: 0; margin: .3em 0; font-size: 9pt; } .boxes li.checked { font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: .3em 0; font-size: 9pt; }
th, td { border: 1px solid #000; padding: 2px 4px; vertical-align: top; } th { background: #eee; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; } tr.total td { font-weight: bold; }
section.form { page-break-inside: auto; } tr { page-break-inside: avoid; }
@page { size: letter landscape; margin: 1cm; }
@media print { body { margin: 0; } h2 { page-break-after: avoid; } section.form { page-break-before: always; } section.form:first-of-type { page-break-before: auto; } }
`;

/** The HTML document (UTF-8, with a trailing newline). `accounts` is the coverage line. */
export function renderTaxFormsHtml(forms: TaxForms, accounts: string): string {
  const title = `Form 8949 and Schedule D, tax year ${forms.year}`;
  const body = forms.noDisposals
    ? [
        `<p class="empty">No disposals in ${forms.year}: there is nothing to report on Form 8949 or ` +
          'Schedule D for these accounts.</p>',
      ]
    : [
        ...forms.form8949.boxes.map(boxSection),
        '<h2>Schedule D (Form 1040), Parts I and II</h2>',
        scheduleDTable(forms.scheduleD),
        '<h2>By account</h2>',
        accountsTable(forms.accounts),
        '<h2>By asset</h2>',
        assetsTable(forms.assets),
      ];
  const shortfalls =
    forms.form8949.shortfalls.length > 0
      ? `<p class="warning">${forms.form8949.shortfalls.length} sale(s) beyond known inventory (shortfalls) ` +
        'are listed with basis 0 and date acquired UNKNOWN: import the missing buys before filing.</p>'
      : '';
  const positions =
    forms.openPositions === null
      ? ''
      : `<h2>Open positions at the end of ${forms.year}</h2>${positionsTable(forms.openPositions)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${css}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="note">Calendar dates in ${escapeHtml(forms.timezone)}. ${escapeHtml(accounts)}. Proceeds are net of
selling fees; cost basis includes buying fees. ${escapeHtml(forms.rounding)}</p>
${table(
  ['Ledger totals (exact)', 'Net proceeds', 'Cost basis', 'Gain', 'Short-term', 'Long-term'],
  [
    [
      'All disposals',
      forms.totals.net_proceeds_usd,
      forms.totals.cost_basis_usd,
      forms.totals.pnl_usd,
      forms.totals.short_term_pnl_usd,
      forms.totals.long_term_pnl_usd,
    ],
  ],
)}
${shortfalls}
${body.join('\n')}
${positions}
</body></html>
`;
}
