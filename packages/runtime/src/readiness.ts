/** The result of one readiness check: ok, and what a human needs to know when it is not. */
export interface CheckResult {
  readonly ok: boolean;
  readonly detail?: string | Record<string, unknown>;
}

/** A named check that /readyz runs; it must answer within the registry's timeout. */
export interface ReadinessCheck {
  readonly name: string;
  /** false = reported but does not make the process unready (e.g. another service's heartbeat). */
  readonly critical?: boolean;
  run(): Promise<CheckResult>;
}

/** What /readyz answers: ready only when every check is ok. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, CheckResult | undefined>;
}

/**
 * Collects the readiness checks of everything running in the process (database, Redis, heartbeats, later
 * the exchange circuit and the sentinel). A check that throws or hangs counts as not ready, with the reason.
 */
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(private readonly timeoutMs = 2_000) {}

  /** Adds or replaces a check by name. */
  register(check: ReadinessCheck): void {
    this.checks.set(check.name, check);
  }

  /** Runs every check concurrently. */
  async report(): Promise<ReadinessReport> {
    const checks = [...this.checks.values()];
    const results = await Promise.all(checks.map((check) => this.runOne(check)));
    const ready = checks.every((check, index) => check.critical === false || results[index]?.ok === true);
    return { ready, checks: Object.fromEntries(checks.map((check, index) => [check.name, results[index]])) };
  }

  private async runOne(check: ReadinessCheck): Promise<CheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<CheckResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, detail: `no answer within ${this.timeoutMs} ms` }),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([check.run(), timeout]);
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
