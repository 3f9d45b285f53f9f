// The webhook service as its own process (`hookline start webhook`), as the benchmarks that measure a
// whole process start it: configured only by its environment, ready when /healthz answers, stopped by
// SIGTERM (SIGKILL after 15 s), its resident memory read from /proc.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));

export function startWebhook(env: Record<string, string>): ChildProcess {
  const keep = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => ['PATH', 'HOME', 'TMPDIR', 'LANG'].includes(key)),
  );
  return spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'start', 'webhook'], {
    cwd: repositoryRoot,
    env: { ...keep, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

// /healthz: the intake is open (/readyz also wants a sighook heartbeat, and none runs here).
export async function waitUntilReady(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the webhook exited (${child.exitCode}) before it was ready`);
    const response = await fetch(`${url}/healthz`).catch(() => undefined);
    if (response?.ok) return;
    if (Date.now() > deadline) throw new Error(`the webhook was not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** VmRSS of a process in MB (Linux /proc); undefined once it is gone. */
export function residentMb(pid: number): number | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('VmRSS:'));
    return line === undefined ? undefined : Number(line.replace(/\D+/g, '')) / 1024;
  } catch {
    return undefined;
  }
}
