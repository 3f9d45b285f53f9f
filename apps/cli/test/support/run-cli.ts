import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (where `pnpm hookline` runs). */
export const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The environment a fresh user has: none of Hookline's keys, only what the system provides. */
export function cleanEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => ['PATH', 'HOME', 'TMPDIR', 'LANG'].includes(key) || key.startsWith('NODE_'),
    ),
  );
  // Paper services of the tests trade the simulated market (offline): no venue is reachable here.
  return { ...kept, HOOKLINE_PAPER_PRICES: 'simulated', ...overrides };
}

/** Starts `pnpm hookline <args>` exactly as the root script does, collecting its output. */
export function spawnCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { readonly ownProcessGroup?: boolean } = {},
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
    cwd: repositoryRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own, as a shell gives a foreground job: `kill(-pid)` then acts like Ctrl-C.
    detached: options.ownProcessGroup === true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output };
}

/** Runs the CLI to completion. */
export async function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnCli(args, env);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output: output() };
}

/** Polls a URL until it answers 200 or the deadline passes. */
export async function waitForHttpOk(url: string, timeoutMs: number, child: ChildProcess): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`process exited with ${child.exitCode} before ${url} answered`);
    try {
      const response = await fetch(url);
      if (response.ok) return response;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** Parses pino's JSON lines, skipping anything else (warnings on stderr). */
export function logLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
