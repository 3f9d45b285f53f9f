// Private servers never outlive their owner: the owner process is ended by SIGKILL (no handler runs) or
// SIGTERM (the default action, no handler installed), and the server's pid must be gone within a few
// seconds each time.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/eventually.js';

const fixture = fileURLToPath(new URL('./fixtures/own-server.ts', import.meta.url));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startOwner(kind: string) {
  const owner = spawn(process.execPath, ['--import', 'tsx', fixture, kind], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => owner.once('exit', () => resolve()));
  let output = '';
  owner.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const serverPid = await eventually(
    async () => {
      const line = output.split('\n').find((text) => text.startsWith('{'));
      return line === undefined ? undefined : (JSON.parse(line) as { serverPid: number }).serverPid;
    },
    { timeoutMs: 60_000, what: `the ${kind} server's pid` },
  );
  return { owner, serverPid, exited };
}

describe('private servers die with their owner', () => {
  it.each([
    ['redis', 'SIGKILL'],
    ['redis', 'SIGTERM'],
    ['postgres', 'SIGKILL'],
  ] as const)(
    'when the owner of a private %s is ended by %s then the server is gone within seconds',
    async (kind, signal) => {
      const { owner, serverPid, exited } = await startOwner(kind);
      expect(isAlive(serverPid)).toBe(true);

      owner.kill(signal);
      await exited;

      await eventually(async () => !isAlive(serverPid), {
        timeoutMs: 8_000,
        what: `${kind} pid ${serverPid} gone`,
      });
    },
    90_000,
  );
});
