import { describe, expect, it } from 'vitest';
import { csvField, form8949Rows, recompute, renderForm8949Csv, taxReport } from '../src/index.js';
import { taxReportRows } from '../src/tax-report.js';
import { fills } from './support/fills.js';

describe('tax year selection', () => {
  const ledger = recompute(
    fills(
      { id: 'b', side: 'buy', size: '1', price: '100', at: '2024-06-01T12:00:00Z' },
      { id: 's', side: 'sell', size: '1', price: '150', at: '2024-12-31T20:00:00-07:00' },
    ),
  );
  const cases = [
    { year: 2024, timezone: 'America/Los_Angeles', rows: 1 },
    { year: 2024, timezone: 'UTC', rows: 0 },
    { year: 2025, timezone: 'UTC', rows: 1 },
    { year: 2025, timezone: 'America/Los_Angeles', rows: 0 },
  ];

  it.each(cases)(
    'when a New Year’s Eve sale at -07:00 is reported for $year in $timezone then it has $rows row(s)',
    ({ year, timezone, rows }) => {
      expect(taxReportRows(ledger.allocations, { year, timezone })).toHaveLength(rows);
    },
  );
});

describe('tax report and Form 8949', () => {
  // A long-term sale, a sale spanning a long and a short lot, and an oversell, all in 2024.
  const ledger = recompute(
    fills(
      { id: 'b1', side: 'buy', size: '1', price: '100', fee: '1', at: '2023-01-10T12:00:00Z' },
      { id: 's1', side: 'sell', size: '0.5', price: '300', fee: '1.5', at: '2024-03-01T12:00:00Z' },
      { id: 'b2', side: 'buy', size: '1', price: '200.01', at: '2024-06-01T12:00:00Z' },
      { id: 's2', side: 'sell', size: '1', price: '250.005', fee: '0.001', at: '2024-09-02T12:00:00Z' },
      { id: 's3', side: 'sell', size: '1', price: '10', at: '2024-10-01T12:00:00Z' },
    ),
  );

  it('when the JSON report is built then the totals are exact sums and the shortfall is listed', () => {
    const report = taxReport(ledger.allocations, { year: 2024, unvaluedFeeFillIds: ['b2', 'unrelated'] });

    expect(report.totals).toEqual({
      proceeds_usd: '410.005',
      net_proceeds_usd: '408.504',
      cost_basis_usd: '301.01',
      pnl_usd: '107.494',
      short_term_pnl_usd: '-65.008',
      long_term_pnl_usd: '172.502',
    });
    expect(report.shortfalls).toEqual([
      {
        account: 'main',
        symbol: 'BTC/USD',
        sell_fill_id: 's3',
        size: '0.5',
        net_proceeds_usd: '5',
        sell_time: '2024-10-01T12:00:00.000Z',
      },
    ]);
    expect(report.unvalued_fee_fills).toEqual(['b2']);
    expect(
      report.allocations.map((row) => `${row.sell_fill_id}#${row.slice_index} ${row.term} ${row.pnl_usd}`),
    ).toEqual(['s1#0 LONG 98', 's2#0 LONG 74.502', 's2#1 SHORT 24.997', 's3#0 SHORT -95.005', 's3#1 null 5']);
  });

  it('when Form 8949 rows are built then cents are rounded per column and the gain is derived from them', () => {
    const form = form8949Rows(ledger.allocations, { year: 2024 });

    // s2#1: net 125.002 → 125.00 and cost 100.005 → 100.01, so the gain is 24.99, not round(24.997).
    expect(form.boxes.map((section) => [section.box, section.part, section.scheduleDLine])).toEqual([
      ['C', 'I', '3'],
      ['F', 'II', '10'],
    ]);
    expect(form.boxes[0]?.rows).toEqual([
      {
        account: 'main',
        box: 'C',
        description: '0.5 BTC',
        dateAcquired: '06/01/2024',
        dateSold: '09/02/2024',
        proceeds: '125.00',
        costBasis: '100.01',
        code: '',
        adjustment: '0.00',
        gain: '24.99',
      },
      {
        account: 'main',
        box: 'C',
        description: '0.5 BTC',
        dateAcquired: '06/01/2024',
        dateSold: '10/01/2024',
        proceeds: '5.00',
        costBasis: '100.01',
        code: '',
        adjustment: '0.00',
        gain: '-95.01',
      },
      {
        account: 'main',
        box: 'C',
        description: '0.5 BTC (shortfall)',
        dateAcquired: 'UNKNOWN',
        dateSold: '10/01/2024',
        proceeds: '5.00',
        costBasis: '0.00',
        code: '',
        adjustment: '0.00',
        gain: '5.00',
      },
    ]);
    // Totals are the exact sums rounded once: cost 100.005 + 100.005 = 200.01, while the rounded rows
    // add up to 200.02 (kept as rowSums).
    expect(form.boxes[0]).toMatchObject({
      totals: { proceeds: '135.00', costBasis: '200.01', adjustment: '0.00', gain: '-65.01' },
      exactTotals: { proceeds: '135.002', costBasis: '200.01', adjustment: '0', gain: '-65.008' },
      rowSums: { proceeds: '135.00', costBasis: '200.02', adjustment: '0.00', gain: '-65.02' },
    });
    expect(form.boxes[1]?.totals).toEqual({
      proceeds: '273.50',
      costBasis: '101.00',
      adjustment: '0.00',
      gain: '172.50',
    });
    expect(form.shortfalls.map((shortfall) => shortfall.sell_fill_id)).toEqual(['s3']);
  });

  it('when Form 8949 is rendered as CSV then each box lists its rows and a total line', () => {
    const csv = renderForm8949Csv(form8949Rows(ledger.allocations, { year: 2024 }));

    expect(csv).toBe(
      [
        'part,box,account,description,date_acquired,date_sold,proceeds,cost_basis,code,adjustment,gain',
        'I short-term,C,main,0.5 BTC,06/01/2024,09/02/2024,125.00,100.01,,0.00,24.99',
        'I short-term,C,main,0.5 BTC,06/01/2024,10/01/2024,5.00,100.01,,0.00,-95.01',
        'I short-term,C,main,0.5 BTC (shortfall),UNKNOWN,10/01/2024,5.00,0.00,,0.00,5.00',
        'I short-term,C,,TOTAL,,,135.00,200.01,,0.00,-65.01',
        'II long-term,F,main,0.5 BTC,01/10/2023,03/01/2024,148.50,50.50,,0.00,98.00',
        'II long-term,F,main,0.5 BTC,01/10/2023,09/02/2024,125.00,50.50,,0.00,74.50',
        'II long-term,F,,TOTAL,,,273.50,101.00,,0.00,172.50',
        '',
      ].join('\n'),
    );
  });

  it('when the rows arrive shuffled then the report orders them the same way', () => {
    const shuffled = [...ledger.allocations].reverse();

    expect(taxReport(shuffled, { year: 2024 })).toEqual(taxReport(ledger.allocations, { year: 2024 }));
  });

  it('when a year has no disposals then there is no box and the CSV says so', () => {
    const form = form8949Rows(ledger.allocations, { year: 2030 });

    expect(form.boxes).toEqual([]);
    expect(renderForm8949Csv(form)).toContain('no disposals in 2030');
    expect(taxReport(ledger.allocations, { year: 2030 }).totals.pnl_usd).toBe('0');
  });

  it('when a CSV field holds a comma or a quote then it is quoted', () => {
    expect([csvField('plain'), csvField('a,b'), csvField('say "hi"')]).toEqual([
      'plain',
      '"a,b"',
      '"say ""hi"""',
    ]);
  });
});
