// Golden output of `pnpm hookline replay --json`: for every scenario folder under fixtures/replay/, the
// report must equal the committed expected.json byte for byte, so any change to an order, price, size,
// fill, fee, exit reason, time or id fails here with a diff. A refactor that must not change behaviour
// proves it by leaving these files alone; a deliberate change regenerates them (fixtures/replay/README.md).
//
// One process runs the replay command for every scenario (support/replay-golden-runner.ts), because a
// CLI process spends most of its time creating its embedded database; the real CLI is also spawned for
// one scenario, so the runner is checked against the command it stands in for.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { goldenScenarios, replayArgs, scenarioEnvironment } from './support/replay-golden.js';
import { cleanEnvironment, repositoryRoot, spawnCli } from './support/run-cli.js';

const scenarios = goldenScenarios();
/** Spawned through the real CLI as well; it has settings of its own, so the environment is checked too. */
const throughRealCli = 'exit-timeout';
/** Replayed a second time in the runner: its two reports must be identical, ids included. */
const repeated = 'hard-stop-gap';

interface RunnerResult {
  readonly dir: string;
  readonly code: number | null;
  readonly stdout: string;
  readonly error: string | null;
}

interface Finished {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

function collect(child: ChildProcess): Promise<Finished> {
  const out: Buffer[] = [];
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}

function scenarioDir(name: string): string {
  const scenario = scenarios.find((candidate) => candidate.name === name);
  if (scenario === undefined) throw new Error(`no golden scenario "${name}"`);
  return scenario.dir;
}

/** Fails with the first differing line and its neighbours, then the full diff, unless the bytes match. */
function expectGolden(actual: Buffer, expectedFile: string): void {
  const expected = readFileSync(expectedFile);
  if (actual.equals(expected)) return;
  const actualLines = actual.toString('utf8').split('\n');
  const expectedLines = expected.toString('utf8').split('\n');
  let first = 0;
  while (first < expectedLines.length && actualLines[first] === expectedLines[first]) first += 1;
  const around = (lines: string[]) =>
    lines
      .slice(Math.max(0, first - 3), first + 4)
      .map((line, index) => `${String(Math.max(0, first - 3) + index + 1).padStart(5)}| ${line}`)
      .join('\n');
  const message =
    `replay output differs from ${expectedFile} at line ${first + 1}\n` +
    `expected:\n${around(expectedLines)}\nactual:\n${around(actualLines)}\n` +
    'If the change is intended, regenerate expected.json (fixtures/replay/README.md).';
  expect(actual.toString('utf8'), message).toBe(expected.toString('utf8'));
  expect.fail(`${message}\n(the texts are equal but the bytes are not: encoding?)`);
}

describe('pnpm hookline replay --json against the golden reports', () => {
  const byDir = new Map<string, RunnerResult[]>();
  let realCli: Finished;

  beforeAll(async () => {
    const runner = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'apps/cli/test/support/replay-golden-runner.ts',
        ...scenarios.map((scenario) => scenario.dir),
        scenarioDir(repeated),
      ],
      { cwd: repositoryRoot, env: cleanEnvironment({}), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const dir = scenarioDir(throughRealCli);
    const cli = spawnCli(replayArgs(dir), cleanEnvironment(scenarioEnvironment(dir))).child;
    const [fromRunner, fromCli] = await Promise.all([collect(runner), collect(cli)]);
    expect(fromRunner.code, fromRunner.stderr).toBe(0);
    for (const line of fromRunner.stdout.toString('utf8').split('\n').filter(Boolean)) {
      const result = JSON.parse(line) as RunnerResult;
      byDir.set(result.dir, [...(byDir.get(result.dir) ?? []), result]);
    }
    realCli = fromCli;
  }, 180_000);

  it.each(scenarios)(
    'when the $name scenario is replayed then stdout is its expected.json byte for byte',
    ({ dir }) => {
      const [result] = byDir.get(dir) ?? [];
      expect(result, `the runner printed nothing for ${dir}`).toBeDefined();
      expect(result?.error ?? null, 'the replay threw').toBeNull();
      expect(result?.code).toBe(0);
      expectGolden(Buffer.from(result?.stdout ?? '', 'utf8'), join(dir, 'expected.json'));
    },
  );

  it(`when the real CLI process replays ${throughRealCli} then its stdout is expected.json byte for byte`, () => {
    expect(realCli.code, realCli.stderr).toBe(0);
    expectGolden(realCli.stdout, join(scenarioDir(throughRealCli), 'expected.json'));
  });

  it(`when ${repeated} is replayed twice then both reports are identical, ids included`, () => {
    const runs = byDir.get(scenarioDir(repeated)) ?? [];
    expect(runs).toHaveLength(2);
    expect(runs[1]?.stdout).toBe(runs[0]?.stdout);
    expect(runs[0]?.stdout).toMatch(/"decision_id": "[0-9a-f-]{36}"/);
  });
});
