import { z } from 'zod';

/** Who changed a control and why; stored beside the value and written to the log. */
export interface OperatorChange {
  readonly by: string;
  readonly reason: string;
}

/** A control's stored value with its last change (absent = never changed: the default applies). */
export interface ChangedValue<Value> extends OperatorChange {
  readonly value: Value;
  /** ISO-8601 time of the change. */
  readonly at: string;
}

/** The stored JSON of a change (validated on read: another replica may run another version). */
export function changedValueSchema<Value extends z.ZodType>(value: Value) {
  return z.object({ value, by: z.string(), reason: z.string(), at: z.string() });
}
