// The arrival sequences of a bulk import: `count` values of fills.arrival_seq's sequence, drawn by one
// statement before any fill is written, so the batch's fills take them in input order whatever the
// order their books are written in. The server sends back the range it drew, one row: the values
// themselves only when the range has gaps (another session drew from the sequence at the same time).
import type { SqlRunner } from './sql-runner.js';

/** The drawn values, ascending; `at(position)` is the value of the batch's fill at that position. */
export interface ArrivalSequences {
  at(position: number): bigint;
}

/** Draws `count` (at least 1) values of fills.arrival_seq's sequence. */
export async function drawArrivalSequences(run: SqlRunner, count: number): Promise<ArrivalSequences> {
  // The sequence is looked up once (not per value drawn); the list is an uncorrelated subquery, which
  // the server evaluates only when the CASE needs it.
  const [drawn] = await run<{ first: string; last: string; drawn: string; list: string | null }>(
    `WITH sequence AS (SELECT pg_get_serial_sequence('fills', 'arrival_seq')::regclass AS id),
     drawn AS MATERIALIZED (
       SELECT nextval(sequence.id) AS seq FROM sequence, generate_series(1, $1::int)
     ), bounds AS (SELECT min(seq) AS first, max(seq) AS last, count(*) AS drawn FROM drawn)
     SELECT first::text AS first, last::text AS last, drawn::text AS drawn,
            CASE WHEN last - first + 1 = drawn THEN NULL
                 ELSE (SELECT string_agg(seq::text, ',' ORDER BY seq) FROM drawn) END AS list
     FROM bounds`,
    [count],
  );
  if (!drawn || Number(drawn.drawn) !== count)
    throw new Error(`drew ${drawn?.drawn ?? 0} arrival sequences, expected ${count}`);
  if (drawn.list === null) {
    const first = BigInt(drawn.first);
    return { at: (position) => first + BigInt(position) };
  }
  const values = drawn.list.split(',').map((value) => BigInt(value));
  return { at: (position) => values[position] as bigint };
}
