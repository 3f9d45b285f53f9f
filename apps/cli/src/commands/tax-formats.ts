/**
 * The formats of `tax report --format`: JSON (totals, allocations and the filing package), the
 * allocation CSV, Form 8949 CSV (rows by box), and the forms as one printable HTML file.
 */
export const TAX_FORMATS = ['json', 'csv', '8949', 'html'] as const;

export type TaxFormat = (typeof TAX_FORMATS)[number];
