// Writes whose results nothing reads before COMMIT (allocation rows, order aggregates). On one raw pg
// connection queries queue in order, so the bulk path hands them over and goes on computing the next
// book while the server works; the transaction waits for all of them before it commits. On Prisma's
// interactive transaction each write is awaited where it is issued, as before.

/** Takes a write; resolves when the caller may go on (at once when pipelined). */
export type Defer = (write: Promise<unknown>) => Promise<void>;

/** The writes of one transaction, awaited in place or collected until `settle`. */
export class DeferredWrites {
  private readonly pending: Promise<unknown>[] = [];
  private failure: unknown;
  private failed = false;

  constructor(private readonly pipelined: boolean) {}

  readonly defer: Defer = async (write) => {
    if (!this.pipelined) {
      await write;
      return;
    }
    // Caught at once so a failure never goes unhandled; settle() rethrows the first one.
    this.pending.push(
      write.catch((error: unknown) => {
        if (!this.failed) [this.failed, this.failure] = [true, error];
      }),
    );
  };

  /** Waits for every collected write; throws the first failure. */
  async settle(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failed) throw this.failure;
  }

  /** The first collected failure (the real cause when later statements only say the transaction aborted). */
  async firstFailure(): Promise<unknown> {
    await Promise.all(this.pending);
    return this.failed ? this.failure : undefined;
  }
}
