// Every process a chaos test starts is registered here, so a failing test cannot leak one: the
// scenario's afterAll calls killAllChildren(), and a runner that dies on its way out still kills them.
import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();

function killNow(): void {
  for (const child of children) if (isRunning(child)) child.kill('SIGKILL');
}
process.once('exit', killNow);

/** Whether the process has neither exited nor been killed by a signal yet. */
export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Registers a child process for killAllChildren(); it is forgotten once it exits. */
export function trackChild(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Resolves with how the process ended (at once when it already has). */
export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (!isRunning(child)) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** SIGKILLs every registered process still running and waits until each has exited. */
export async function killAllChildren(): Promise<void> {
  const running = [...children].filter(isRunning);
  for (const child of running) child.kill('SIGKILL');
  await Promise.all(running.map(exitOf));
}
