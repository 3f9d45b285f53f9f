import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ICruiseResult } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cruiseDependencies,
  type DependencyViolation,
  formatViolations,
  listViolations,
  repositoryRoot,
} from './support/dependency-check.js';

const fixtureRoot = join(repositoryRoot, 'test/fixtures/dependency-direction');

/**
 * `apps/*` and `packages/*` src and test folders, and the `bench` package, that exist under `baseDir`
 * (packages are still being written).
 */
function sourceFolders(baseDir: string): string[] {
  const workspaceFolders = ['apps', 'packages'].flatMap((layer) => {
    const layerDir = join(baseDir, layer);
    if (!existsSync(layerDir)) return [];
    return readdirSync(layerDir).flatMap((name) =>
      ['src', 'test']
        .map((folder) => `${layer}/${name}/${folder}`)
        .filter((path) => existsSync(join(baseDir, path))),
    );
  });
  return existsSync(join(baseDir, 'bench')) ? [...workspaceFolders, 'bench'] : workspaceFolders;
}

/**
 * Whether `@hookline/<name>` has its entry file on disk. A package not written yet cannot resolve;
 * tsc reports that import, this check only proves the resolver setup.
 */
function entryPointExists(packageName: string): boolean {
  const name = packageName.replace('@hookline/', '');
  if (name === 'bench') return existsSync(join(repositoryRoot, 'bench/index.ts'));
  return ['apps', 'packages'].some((layer) => existsSync(join(repositoryRoot, layer, name, 'src/index.ts')));
}

describe('dependency direction of the real tree', () => {
  let result: ICruiseResult;
  beforeAll(async () => {
    result = await cruiseDependencies(repositoryRoot, sourceFolders(repositoryRoot));
  });

  it('when apps and packages are cruised then no rule is broken', () => {
    const violations = listViolations(result);

    expect(violations, `dependency rules broken:\n${formatViolations(violations, result)}`).toEqual([]);
  });

  it('when a workspace package is imported by name then it resolves to that package entry point', () => {
    const workspaceImports = result.modules
      .flatMap((module) => module.dependencies)
      .filter((dependency) => /^@hookline\/[^/]+$/.test(dependency.module))
      .filter((dependency) => entryPointExists(dependency.module));

    // Without resolution the path rules would only see bare names; this proves the symlinks are followed.
    expect(workspaceImports.length).toBeGreaterThan(0);
    for (const dependency of workspaceImports) {
      expect(dependency.resolved, dependency.module).toMatch(
        /^((apps|packages)\/[^/]+\/src\/index\.ts|bench\/index\.ts)$/,
      );
    }
  });
});

describe('dependency direction of the planted fixture', () => {
  let violations: DependencyViolation[];
  beforeAll(async () => {
    violations = listViolations(await cruiseDependencies(fixtureRoot, sourceFolders(fixtureRoot)));
  });

  const expected: DependencyViolation[] = [
    {
      rule: 'bench-imports-entry-points-only',
      from: 'bench/engine-speed.ts',
      to: 'packages/core/src/money.ts',
    },
    {
      rule: 'bench-no-relative-import-into-packages',
      from: 'bench/engine-speed.ts',
      to: 'packages/core/src/money.ts',
    },
    {
      rule: 'core-imports-only-itself',
      from: 'packages/core/src/index.ts',
      to: 'packages/ledger/src/index.ts',
    },
    {
      rule: 'db-imports-only-core-schemas',
      from: 'packages/db/src/repository.ts',
      to: 'apps/webhook/src/index.ts',
    },
    {
      rule: 'no-circular',
      from: 'apps/sighook/src/cycle-a.ts',
      to: 'apps/sighook/src/cycle-b.ts',
      cycle: ['apps/sighook/src/cycle-b.ts', 'apps/sighook/src/cycle-a.ts'],
    },
    { rule: 'no-deep-import', from: 'apps/sighook/src/publisher.ts', to: '@hookline/core/src/money.js' },
    {
      rule: 'no-deep-import',
      from: 'packages/exchange/src/paper-exchange.ts',
      to: 'packages/core/src/money.ts',
    },
    {
      rule: 'no-relative-import-across-packages',
      from: 'packages/core/src/index.ts',
      to: 'packages/ledger/src/index.ts',
    },
    {
      rule: 'no-relative-import-across-packages',
      from: 'packages/db/src/repository.ts',
      to: 'apps/webhook/src/index.ts',
    },
    {
      rule: 'no-relative-import-across-packages',
      from: 'packages/exchange/src/paper-exchange.ts',
      to: 'packages/core/src/money.ts',
    },
    { rule: 'only-cli-imports-bench', from: 'apps/sighook/src/timing.ts', to: '@hookline/bench' },
    { rule: 'packages-not-to-apps', from: 'packages/db/src/repository.ts', to: 'apps/webhook/src/index.ts' },
    { rule: 'sighook-not-to-webhook', from: 'apps/sighook/src/publisher.ts', to: '@hookline/webhook' },
  ];

  it.each([
    ['core imports another package', 'core-imports-only-itself'],
    ['a package imports an app', 'packages-not-to-apps'],
    ['two files import each other', 'no-circular'],
    ['sighook imports webhook', 'sighook-not-to-webhook'],
    ['a package internal is imported', 'no-deep-import'],
    ['a relative path climbs into another package', 'no-relative-import-across-packages'],
    ['a service imports the benchmarks', 'only-cli-imports-bench'],
    ['a benchmark imports a package internal', 'bench-imports-entry-points-only'],
    ['a benchmark climbs into a package by a relative path', 'bench-no-relative-import-into-packages'],
  ])('when %s then %s is reported', (_situation, rule) => {
    expect(violations.map((violation) => violation.rule)).toContain(rule);
  });

  it('when the fixture is cruised then exactly the planted violations are reported (cli may import both apps and bench)', () => {
    expect(violations).toEqual(expected);
  });
});
