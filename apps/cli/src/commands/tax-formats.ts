/** The formats of `tax report --format`: JSON totals and allocations, the allocation CSV, Form 8949 CSV. */
export const TAX_FORMATS = ['json', 'csv', '8949'] as const;

export type TaxFormat = (typeof TAX_FORMATS)[number];
