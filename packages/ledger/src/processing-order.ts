// The ledger's processing order: executed_at (UTC), then arrival sequence. Exchanges stamp many
// fills with the same second; the arrival sequence keeps them in the order they reached us.

/** Where a fill sits in processing order. */
export interface ProcessingKey {
  readonly executedAt: Date;
  readonly sequence: bigint | number;
}

/** Negative when a comes first, positive when b does, 0 for the same position. */
export function compareProcessingOrder(a: ProcessingKey, b: ProcessingKey): number {
  const byTime = a.executedAt.getTime() - b.executedAt.getTime();
  if (byTime !== 0) return byTime;
  // bigint and number compare correctly with < and >, not with subtraction.
  if (a.sequence < b.sequence) return -1;
  if (a.sequence > b.sequence) return 1;
  return 0;
}

/** A copy sorted into processing order; fills with equal keys keep their input order (stable sort). */
export function sortIntoProcessingOrder<Fill extends ProcessingKey>(fills: readonly Fill[]): Fill[] {
  return [...fills].sort(compareProcessingOrder);
}
