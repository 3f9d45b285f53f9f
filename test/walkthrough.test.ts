// The newcomer's walk-through (docs/walkthrough.md) is run as written: its ```bash blocks, in order, in
// one bash session (so exports and the working directory carry over, as in the reader's terminal),
// each checked to exit 0 and to print what the page promises. The time of each step is written to
// .tmp/walkthrough-timings.json and printed. The server the page starts is stopped by the page itself;
// if a step fails, the test stops it by the pid the page recorded.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort } from '@hookline/runtime';
import { CONFIG_KEYS } from '@hookline/schemas';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const page = readFileSync(join(root, 'docs/walkthrough.md'), 'utf8');

/** The page's bash blocks, in order. */
function bashBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```bash\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
}

/** What a step must print, found by what its block runs. */
const EXPECTED: ReadonlyArray<readonly [RegExp, readonly RegExp[]]> = [
  [/export WORK/, [/working in \S+, port \d+/]],
  [/db migrate/, [/migration\(s\) applied/]],
  [/main\.ts start/, [/"status":"ok"/]],
  [/"action":"buy"/, [/"status":"accepted"/]],
  [
    /grep -q BTC\/USD && break/,
    [/"symbol":"BTC\/USD","size":"0\.\d+"/, /"side":"BUY"[^}]*"status":"FILLED"/],
  ],
  [
    /"action":"exit"/,
    [
      /"status":"accepted"/,
      /\{"items":\[\],"max_price_age_ms"/,
      /"side":"SELL"[^}]*"status":"FILLED"[^}]*USER_EXIT/,
    ],
  ],
  [/tax report/, [/^account,symbol,/m, /^paper,BTC\/USD,/m, /^accounts: paper \(paper\)$/m]],
];

const MARKER = '__walkthrough_step_done__';

/** One bash session fed block by block; `run` resolves with the block's output and exit status. */
class Session {
  readonly #bash: ChildProcessWithoutNullStreams;
  #output = '';

  constructor(env: NodeJS.ProcessEnv) {
    // Its own process group: the server the page starts in the background is in it too, so end() stops
    // everything the page started, even after a step that never finished.
    this.#bash = spawn('bash', ['--noprofile', '--norc'], { cwd: root, env, detached: true });
    this.#bash.stdout.on('data', (chunk: Buffer) => {
      this.#output += chunk.toString();
    });
    this.#bash.stdin.write('exec 2>&1\n');
  }

  async run(block: string, timeoutMs: number): Promise<{ output: string; status: number }> {
    this.#output = '';
    this.#bash.stdin.write(`${block}\necho "${MARKER} $?"\n`);
    const deadline = Date.now() + timeoutMs;
    const done = new RegExp(`${MARKER} (\\d+)\\n`);
    while (Date.now() < deadline) {
      const match = done.exec(this.#output);
      if (match !== null) return { output: this.#output.slice(0, match.index), status: Number(match[1]) };
      if (this.#bash.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { output: this.#output, status: -1 };
  }

  end(): void {
    this.#bash.stdin.end();
    try {
      if (this.#bash.pid !== undefined) process.kill(-this.#bash.pid, 'SIGTERM');
    } catch {
      // the group has ended already
    }
  }
}

/** The environment of a newcomer's shell: none of Hookline's keys set, whatever the test run has. */
function cleanEnvironment(port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key in CONFIG_KEYS || key.startsWith('HOOKLINE_') || key.startsWith('npm_')) continue;
    env[key] = value;
  }
  return { ...env, PORT: String(port) };
}

describe('the walk-through', () => {
  let session: Session | undefined;
  afterAll(async () => {
    if (session === undefined) return;
    // Stop the server if a failed step left it running, then remove the page's working directory.
    const { output } = await session.run(
      [
        'if [ -f "$WORK/hookline.pid" ]; then',
        '  pid="$(cat "$WORK/hookline.pid")"; kill "$pid" 2> /dev/null',
        '  for i in $(seq 1 40); do kill -0 "$pid" 2> /dev/null || break; sleep 0.5; done',
        'fi',
        'echo "$WORK"',
      ].join('\n'),
      25_000,
    );
    session.end();
    const work = output.trim().split('\n').at(-1) ?? '';
    if (work.startsWith('/tmp/')) rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  }, 40_000);

  it('when the page is followed command by command then each step exits 0 and shows the position, the exit and the tax row', async () => {
    const blocks = bashBlocks(page);
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    session = new Session(cleanEnvironment(await findFreePort('127.0.0.1')));
    const timings: Array<{ step: number; command: string; seconds: number }> = [];
    try {
      for (const [index, block] of blocks.entries()) {
        const started = performance.now();
        const { output, status } = await session.run(block, 200_000);
        const command = block.split('\n')[0] ?? '';
        timings.push({ step: index + 1, command, seconds: Math.round(performance.now() - started) / 1000 });
        expect(status, `step ${index + 1} (${command}) exited ${status}:\n${output}`).toBe(0);
        for (const [runs, shows] of EXPECTED) {
          if (!runs.test(block)) continue;
          for (const shown of shows) expect(output, `step ${index + 1} (${command})`).toMatch(shown);
        }
      }
    } finally {
      const total = Math.round(timings.reduce((sum, step) => sum + step.seconds, 0) * 1000) / 1000;
      mkdirSync(join(root, '.tmp'), { recursive: true });
      const report = JSON.stringify({ total_seconds: total, steps: timings }, null, 2);
      writeFileSync(join(root, '.tmp/walkthrough-timings.json'), `${report}\n`);
      console.log(`walk-through timings:\n${report}`);
    }
  }, 600_000);
});

describe('bashBlocks', () => {
  it('when a page has bash and other blocks then only the bash ones are taken, in order', () => {
    const markdown = 'text\n```bash\necho one\n```\n\n```\nout\n```\n```bash\necho two\nls\n```\n';
    expect(bashBlocks(markdown)).toEqual(['echo one\n', 'echo two\nls\n']);
  });
});
