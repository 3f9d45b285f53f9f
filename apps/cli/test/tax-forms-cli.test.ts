import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { cleanEnvironment, runCli } from './support/run-cli.js';

const fixture = new URL('./fixtures/fills-2023-2024.csv', import.meta.url).pathname;

/** The JSON document in an output that also holds stderr lines. */
function jsonOf(output: string) {
  return JSON.parse(output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1));
}

// The fixture: 0.5 BTC bought 2023-02-28 and sold 2024-02-28 (short-term: not MORE than a year),
// 0.25 BTC bought 2023-06-01 and sold 2024-06-02 (long-term).
describe('tax forms from the CLI (real processes, real database)', () => {
  let database: TestDatabase;
  let environment: NodeJS.ProcessEnv;
  let scratch: string;
  beforeAll(async () => {
    database = await createTestDatabase('taxformscli');
    scratch = mkdtempSync(join(tmpdir(), 'hookline-taxforms-'));
    environment = cleanEnvironment({ DATABASE_URL: database.url, DATA_DIR: scratch });
    expect((await runCli(['db', 'migrate'], environment)).code).toBe(0);
    expect((await runCli(['ledger', 'import', fixture], environment)).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await database.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it.each([
    [['accounts', 'tax', 'live', '--form', '1099-X'], '--form "1099-X" is not one of NONE, 1099-B, 1099-DA'],
    [['accounts', 'tax', 'live'], 'accounts tax needs --form NONE|1099-B|1099-DA'],
    [['accounts', 'tax', 'live', '--form', 'NONE', '--basis-reported'], '--basis-reported needs a form'],
    [
      ['accounts', 'tax', 'nobody', '--form', '1099-B'],
      "account 'nobody' is not recorded (recorded accounts: live)",
    ],
    [['tax', 'report', '--year', '2024', '--price', 'BTC:1'], '--price "BTC:1" is not ASSET=USD'],
  ])(
    'when %j is run then it fails saying %j',
    async (argv, message) => {
      const result = await runCli(argv, environment);
      expect(result.code).not.toBe(0);
      expect(result.output).toContain(message);
    },
    60_000,
  );

  it('when no tax form is configured then 2024 sales go in boxes C and F on lines 3 and 10', async () => {
    const result = await runCli(['tax', 'report', '--year', '2024'], environment);
    const { forms } = jsonOf(result.output);
    expect(
      forms.form8949.boxes.map((box: { box: string; scheduleDLine: string }) => [box.box, box.scheduleDLine]),
    ).toEqual([
      ['C', '3'],
      ['F', '10'],
    ]);
    expect(forms.scheduleD.total).toEqual({
      proceeds: '39960.00',
      costBasis: '16016.00',
      adjustment: '0.00',
      gain: '23944.00',
    });
  }, 60_000);

  it('when the account gets a 1099-B with basis reported then the 8949 CSV puts its rows in boxes A and D', async () => {
    const set = await runCli(
      ['accounts', 'tax', 'live', '--form', '1099-B', '--basis-reported'],
      environment,
    );
    expect(set.output).toContain(
      'account live: tax form 1099-B, basis reported; Form 8949 boxes A/D before 2025, I/L from 2025 (a 1099-B counts as no form from 2025)',
    );
    const output = join(scratch, 'f8949.csv');
    await runCli(['tax', 'report', '--year', '2024', '--format', '8949', '--output', output], environment);
    expect(readFileSync(output, 'utf8').split('\n')).toEqual([
      'part,box,account,description,date_acquired,date_sold,proceeds,cost_basis,code,adjustment,gain',
      'I short-term,A,live,0.5 BTC,02/28/2023,02/28/2024,24975.00,10010.00,,0.00,14965.00',
      'I short-term,A,,TOTAL,,,24975.00,10010.00,,0.00,14965.00',
      'II long-term,D,live,0.25 BTC,06/01/2023,06/02/2024,14985.00,6006.00,,0.00,8979.00',
      'II long-term,D,,TOTAL,,,14985.00,6006.00,,0.00,8979.00',
      '',
    ]);
  }, 60_000);

  it('when 2023 is reported with a BTC price then the year-end holdings are valued and the form says there is no disposal', async () => {
    const result = await runCli(['tax', 'report', '--year', '2023', '--price', 'btc=40000'], environment);
    expect(result.output).toContain('no disposals in 2023: the report is empty');
    const { forms } = jsonOf(result.output);
    expect(forms.noDisposals).toBe(true);
    expect(forms.openPositions).toEqual([
      {
        account: 'live',
        asset: 'BTC',
        quantity: '0.75',
        cost_basis_usd: '16016',
        price_usd: '40000',
        value_usd: '30000',
        unrealised_gain_usd: '13984',
      },
    ]);
    const unpriced = jsonOf((await runCli(['tax', 'report', '--year', '2023'], environment)).output);
    expect(unpriced.forms.openPositions[0]).toMatchObject({
      value_usd: 'unknown',
      unrealised_gain_usd: 'unknown',
    });
  }, 60_000);

  it('when the HTML forms are written then they check the box, list Schedule D and say when a year is empty', async () => {
    const html = join(scratch, 'forms.html');
    await runCli(['tax', 'report', '--year', '2024', '--format', 'html', '--output', html], environment);
    const text = readFileSync(html, 'utf8');
    expect(text).toContain(
      '&#9746; (A) Short-term transactions reported on Form(s) 1099-B showing basis was reported',
    );
    expect(text).toContain('&#9744; (C)');
    expect(text).toContain('<td>8b</td><td>D</td><td class="n">14985.00</td>');
    expect(text).toContain('@media print');
    expect(text).not.toMatch(/<script|https?:\/\//);
    const empty = await runCli(['tax', 'report', '--year', '2030', '--format', 'html'], environment);
    expect(empty.output).toContain('No disposals in 2030');
  }, 60_000);
});
