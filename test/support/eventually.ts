// Polling for tests whose subject runs on its own real timers (workers, loops, child processes).

/** How long to wait, how often to look, and what the failure says. */
export interface EventuallyOptions {
  /** Give up after this long (default 10 s). */
  readonly timeoutMs?: number;
  /** Look again after this long (default 25 ms). */
  readonly intervalMs?: number;
  /** Named in the error when time runs out (default "condition"). */
  readonly what?: string;
}

/** Polls `check` until it returns something other than undefined or false, and returns that. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  options: EventuallyOptions | number = {},
): Promise<T> {
  const {
    timeoutMs = 10_000,
    intervalMs = 25,
    what = 'condition',
  } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
