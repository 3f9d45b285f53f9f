// The webhook service as production runs it: its own process, `node --import tsx apps/cli/src/main.ts
// start webhook`, configured only through its environment, its output appended to one log file
// across restarts (so the secret scan reads everything every run of it wrote).
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exitOf, isRunning, trackChild } from './child-processes.js';

/** The repository root, where `pnpm hookline` runs. */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Only what the system provides (PATH, HOME, ...) plus `overrides`: no key of the test runner leaks in. */
export function cleanEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => ['PATH', 'HOME', 'TMPDIR', 'LANG'].includes(key)),
  );
  // Paper services of the tests trade the simulated market (offline): no venue is reachable here.
  return { ...kept, HOOKLINE_PAPER_PRICES: 'simulated', ...overrides };
}

/** How one run of a process ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Runs `pnpm hookline <args>` to completion and returns its exit and its output. */
export async function runHookline(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<ProcessExit & { output: string }> {
  const child = trackChild(
    spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
      cwd: repositoryRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exit = await exitOf(child);
  return { ...exit, output };
}

/** An exit nobody asked for, and when it happened. */
export interface UnplannedExit extends ProcessExit {
  readonly atMs: number;
}

/**
 * The webhook service process, started and stopped as often as a scenario needs. Like a supervisor in
 * production (docker's restart policy), it starts the service again one second after an exit the test
 * did not ask for (a process that gave up during an outage), and keeps trying until it is up;
 * unplannedExits() lists those exits for the report.
 */
export class WebhookProcess {
  #child: ChildProcess | undefined;
  #runs = 0;
  #exitRequested = false;
  #supervising = true;
  #restarting: Promise<void> | undefined;
  readonly #unplanned: UnplannedExit[] = [];

  constructor(
    private readonly options: {
      readonly env: NodeJS.ProcessEnv;
      readonly port: number;
      readonly logFile: string;
    },
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  isRunning(): boolean {
    return this.#child !== undefined && isRunning(this.#child);
  }

  /** Exits the test did not ask for, oldest first. */
  unplannedExits(): readonly UnplannedExit[] {
    return this.#unplanned;
  }

  /** Spawns the service and waits until /healthz answers 200 (the HTTP intake is open). */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.isRunning()) throw new Error('the webhook process is already running');
    this.#exitRequested = false;
    this.#runs += 1;
    appendFileSync(this.options.logFile, `--- chaos: webhook run ${this.#runs} ---\n`);
    const log = openSync(this.options.logFile, 'a');
    let child: ChildProcess;
    try {
      child = trackChild(
        spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'start', 'webhook'], {
          cwd: repositoryRoot,
          env: this.options.env,
          stdio: ['ignore', log, log],
        }),
      );
    } finally {
      closeSync(log); // the child holds its own copy
    }
    this.#child = child;
    child.once('exit', (code, signal) => this.#onExit(child, { code, signal }));
    await this.#waitForHealth(child, timeoutMs);
  }

  /** Waits until the service runs (after a supervised restart, too). */
  async awaitRunning(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.isRunning() || this.#restarting !== undefined) {
      if (Date.now() > deadline) throw new Error(`the webhook was not running again within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Sends `signal` and waits for the exit (SIGKILL is `kill -9`: nothing runs after it). */
  async kill(signal: NodeJS.Signals): Promise<ProcessExit> {
    this.signal(signal);
    return await this.exited();
  }

  /** Sends `signal` without waiting (the exit is a requested one: no restart); exited() tells when it is gone. */
  signal(signal: NodeJS.Signals): void {
    this.#exitRequested = true;
    if (this.#child && isRunning(this.#child)) this.#child.kill(signal);
  }

  /** How the current run ended (waits for it). */
  async exited(): Promise<ProcessExit> {
    if (!this.#child) throw new Error('the webhook process was never started');
    return await exitOf(this.#child);
  }

  /** No more restarts (the scenario is over). */
  stopSupervising(): void {
    this.#supervising = false;
  }

  #onExit(child: ChildProcess, exit: ProcessExit): void {
    if (child !== this.#child || this.#exitRequested || !this.#supervising) return;
    this.#unplanned.push({ ...exit, atMs: Date.now() });
    appendFileSync(this.options.logFile, `--- chaos: webhook exited unasked (${JSON.stringify(exit)}) ---\n`);
    if (this.#restarting !== undefined) return; // the restart loop sees it and tries again
    this.#restarting = this.#restartUntilUp().finally(() => {
      this.#restarting = undefined;
    });
  }

  async #restartUntilUp(): Promise<void> {
    while (this.#supervising && !this.#exitRequested && !this.isRunning()) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      if (!this.#supervising || this.#exitRequested) return;
      try {
        await this.start();
      } catch {
        // it exited again before answering (the outage goes on): try again
      }
    }
  }
  async #waitForHealth(child: ChildProcess, timeoutMs: number): Promise<void> {
    const url = `${this.baseUrl}/healthz`;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!isRunning(child)) {
        throw new Error(
          `the webhook exited (${child.exitCode ?? child.signalCode}) before ${url} answered; see ${this.options.logFile}`,
        );
      }
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${url} did not answer 200 within ${timeoutMs} ms; see ${this.options.logFile}`);
  }
}
