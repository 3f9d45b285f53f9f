import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  allowedImpureFiles,
  findPurityViolations,
  formatViolation,
  listPureSourceFiles,
  scanPureSources,
} from './support/purity-check.js';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

describe('domain purity', () => {
  it('when the domain sources are scanned then none reads the clock, randomness or the environment', () => {
    const violations = scanPureSources(repositoryRoot).map(formatViolation);

    expect(violations).toEqual([]);
  });

  it('when the covered files are listed then core is among them, so the scan is not vacuous', () => {
    const files = listPureSourceFiles(repositoryRoot);

    expect(files).toContain('packages/core/src/index.ts');
    expect(files).toContain('packages/core/src/order-lifecycle.ts');
  });

  it('when the covered files are listed then the backtest report is among them', () => {
    expect(listPureSourceFiles(repositoryRoot)).toContain('packages/backtest/src/backtest-report.ts');
  });

  it('when the covered files are listed then the exit rules and the risk and preflight rules are among them', () => {
    const files = listPureSourceFiles(repositoryRoot);

    expect(files).toContain('apps/webhook/src/exits/rules/decide-exit.ts');
    expect(files).toContain('apps/webhook/src/exits/rules/trailing-stop.ts');
    expect(files).toContain('apps/webhook/src/exits/rules/exit-inputs.ts');
    expect(files).toContain('apps/webhook/src/exits/rules/exit-types.ts');
    expect(files).toContain('apps/webhook/src/exits/rules/evaluate-positions.ts');
    expect(files).toContain('apps/webhook/src/rules/risk/risk-gate.ts');
    expect(files).toContain('apps/webhook/src/rules/preflight/preflight.ts');
  });

  it('when the allow-list is read then it names exactly the two core adapters, and both exist', () => {
    expect([...allowedImpureFiles].sort()).toEqual([
      'packages/core/src/system-clock.ts',
      'packages/core/src/system-random.ts',
    ]);
    for (const file of allowedImpureFiles) expect(existsSync(join(repositoryRoot, file))).toBe(true);
  });
});

describe('purity checker', () => {
  // One forbidden pattern per line, so each report can be checked by its line number.
  const planted = [
    'const a = Date.now();',
    'const b = new Date();',
    'const c = Date();',
    'const d = Math.random();',
    'const e = performance.now();',
    'const f = process.hrtime.bigint();',
    'const g = crypto.randomUUID();',
    'const h = crypto.getRandomValues(new Uint8Array(4));',
    'const i = nodeCrypto.randomBytes(8);',
    'const j = process.env.HOOKLINE_MODE;',
    "import { randomUUID as makeId } from 'node:crypto';",
    'const k = randomBytes(16);',
    "const l = process['env'];",
    'const m = globalThis.Date.now;',
    'const n = new Date;',
  ];
  const expectedPatterns = [
    'Date.now',
    'new Date()',
    'Date()',
    'Math.random',
    'performance.now',
    'process.hrtime',
    'crypto.randomUUID',
    'crypto.getRandomValues',
    'nodeCrypto.randomBytes',
    'process.env',
    'import randomUUID',
    'randomBytes()',
    'process.env',
    'Date.now',
    'new Date()',
  ];

  it('when a file plants every forbidden pattern then each is reported at its line', () => {
    const violations = findPurityViolations('planted.ts', planted.join('\n'));

    expect(violations.map((violation) => [violation.line, violation.pattern])).toEqual(
      expectedPatterns.map((pattern, index) => [index + 1, pattern]),
    );
  });

  it('when a violation is formatted then it reads file:line:column pattern', () => {
    const [violation] = findPurityViolations('packages/core/src/x.ts', 'export const t = 1;\n  Date.now();');

    expect(violation && formatViolation(violation)).toBe('packages/core/src/x.ts:2:3 Date.now');
  });

  it('when code only builds dates from values and uses deterministic helpers then nothing is reported', () => {
    const pure = [
      'const a = new Date(someValue);',
      'const b = new Date(0);',
      "const c = Date.parse('2024-01-01T00:00:00Z');",
      'const d = Date.UTC(2024, 0, 1);',
      "const e = createHash('sha256').update('x').digest('hex');",
      'const f = clock.now();',
      'const g = Math.max(1, 2);',
      'const h = config.env;',
    ].join('\n');

    expect(findPurityViolations('pure.ts', pure)).toEqual([]);
  });
});
