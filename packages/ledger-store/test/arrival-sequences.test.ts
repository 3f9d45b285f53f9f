import { describe, expect, it } from 'vitest';
import { drawArrivalSequences } from '../src/arrival-sequences.js';
import type { SqlRunner } from '../src/sql-runner.js';

/** A runner that answers the draw with `row`, as the server would. */
function answering(row: Record<string, string | null>): SqlRunner {
  return (async () => [row]) as unknown as SqlRunner;
}

describe('arrival sequences of a bulk import', () => {
  it('when the server drew a range without gaps then the fills take it in input order', async () => {
    const drawn = await drawArrivalSequences(
      answering({ first: '41', last: '43', drawn: '3', list: null }),
      3,
    );
    expect([0, 1, 2].map((position) => drawn.at(position))).toEqual([41n, 42n, 43n]);
  });

  it('when another session drew in between then the fills take the listed values in input order', async () => {
    const drawn = await drawArrivalSequences(
      answering({ first: '41', last: '46', drawn: '3', list: '41,45,46' }),
      3,
    );
    expect([0, 1, 2].map((position) => drawn.at(position))).toEqual([41n, 45n, 46n]);
  });

  it('when the server drew another number of values then the draw fails', async () => {
    await expect(
      drawArrivalSequences(answering({ first: '1', last: '2', drawn: '2', list: null }), 3),
    ).rejects.toThrow('expected 3');
  });
});
