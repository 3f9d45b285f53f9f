// Stored allocations against a recompute from the same fills. Row invariants cannot see a sell
// matched to the wrong lot (FIFO order) or a stale row after a late fill; a full recompute can,
// because the engine is deterministic: the same fills must give byte-identical rows.
import { type AllocationRecord, toAllocationRecord } from './allocation-record.js';
import { type LedgerViolation, ledgerError } from './ledger-violation.js';
import type { Allocation } from './types.js';

/** Every row that is missing, extra or different (by sell_fill_id and slice_index), compared as strings. */
export function compareAllocations(
  stored: readonly Allocation[],
  recomputed: readonly Allocation[],
): LedgerViolation[] {
  const expected = keyed(recomputed);
  const actual = keyed(stored);
  const violations: LedgerViolation[] = [];
  for (const [key, row] of expected) {
    const found = actual.get(key);
    if (!found) {
      violations.push(ledgerError('RECOMPUTE_MISMATCH', `allocation ${key} is missing`, row.sell_fill_id));
      continue;
    }
    const columns = differentColumns(found, row);
    if (columns.length > 0) {
      const detail = columns.map((column) => `${column} ${found[column]} ≠ ${row[column]}`).join(', ');
      violations.push(
        ledgerError('RECOMPUTE_MISMATCH', `allocation ${key} differs: ${detail}`, row.sell_fill_id),
      );
    }
  }
  for (const [key, row] of actual) {
    if (!expected.has(key)) {
      violations.push(
        ledgerError('RECOMPUTE_MISMATCH', `allocation ${key} should not exist`, row.sell_fill_id),
      );
    }
  }
  return violations;
}

function keyed(allocations: readonly Allocation[]): Map<string, AllocationRecord> {
  return new Map(
    allocations.map((allocation) => [
      `${allocation.sellFillId}#${allocation.sliceIndex}`,
      toAllocationRecord(allocation),
    ]),
  );
}

function differentColumns(actual: AllocationRecord, expected: AllocationRecord): (keyof AllocationRecord)[] {
  return (Object.keys(expected) as (keyof AllocationRecord)[]).filter(
    (column) => actual[column] !== expected[column],
  );
}
