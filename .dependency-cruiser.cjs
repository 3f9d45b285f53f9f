// Dependency direction for Hookline (docs/architecture.md, "Packages"; docs/development.md, "Dependency direction and purity").
// Arrows point inward only. The vitest check test/dependency-direction.test.ts runs these rules over
// apps/, packages/ and bench/ and fails on any violation; `npx depcruise apps packages bench` uses them too.
//
// Paths are relative to the cruise's base directory: `packages/<name>/...`, `apps/<name>/...` and
// `bench/...` (the benchmarks, one workspace package `@hookline/bench` whose entry is bench/index.ts).
// A workspace import (`@hookline/core`) resolves through pnpm's symlink to `packages/core/src/index.ts`
// (symlinks followed, `exports` honoured); when it cannot be resolved the rule still sees the bare name,
// so every layer rule matches both forms.

/** The apps' folder names, which are also their package names (`@hookline/<name>`). */
const APPS = ['webhook', 'sighook', 'cli', 'backtester'];

/** Regex for a module in packages/<name> or for the bare `@hookline/<name>` specifier. */
const inPackages = (names) => [`^packages/(${names.join('|')})/`, `^@hookline/(${names.join('|')})(/|$)`];

/** Regex for a module in apps/<name> or for the bare `@hookline/<name>` specifier. */
const inApps = (names) => [`^apps/(${names.join('|')})/`, `^@hookline/(${names.join('|')})(/|$)`];

/** Anything of ours, resolved or not. */
const OURS = ['^packages/', '^apps/', '^bench/', '^@hookline/'];

/** The bench package, resolved or by name. */
const BENCH = ['^bench/', '^@hookline/bench(/|$)'];

/**
 * One rule per package: it may import itself and `allowed`, nothing else of ours.
 * The `why` becomes the rule's comment, printed with every violation.
 */
function packageLayer(name, allowed, why) {
  return {
    name: `${name}-imports-only-${allowed.length ? allowed.join('-') : 'itself'}`,
    comment: why,
    severity: 'error',
    from: { path: `^packages/${name}/` },
    to: { path: OURS, pathNot: inPackages([name, ...allowed]) },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one unit: neither can be tested, loaded or reasoned about alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'packages-not-to-apps',
      comment:
        'Packages are shared by every app; a package that imports an app drags that app into all others.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: inApps(APPS) },
    },
    packageLayer(
      'core',
      [],
      'core is the innermost layer (ids, money, clock, order states): it depends on nothing of ours.',
    ),
    packageLayer(
      'ledger',
      ['core'],
      'The FIFO engine is pure domain code: core types only, no schemas, I/O or exchange.',
    ),
    packageLayer(
      'backtest',
      ['core'],
      'The backtest report is pure arithmetic over trades and an equity curve: core types only, no I/O.',
    ),
    packageLayer(
      'schemas',
      ['core'],
      'Schemas describe the domain; they must not pull in adapters or persistence.',
    ),
    packageLayer(
      'exchange',
      ['core', 'schemas'],
      'The exchange port is an adapter over the domain, independent of db/ledger.',
    ),
    packageLayer(
      'db',
      ['core', 'schemas'],
      'Persistence serves the domain; it must not depend on exchange or ledger logic.',
    ),
    packageLayer(
      'ledger-store',
      ['core', 'schemas', 'ledger', 'db'],
      'Ledger persistence joins the pure engine to the database; it never reaches exchanges or apps.',
    ),
    packageLayer(
      'store',
      ['core', 'schemas', 'ledger', 'db', 'ledger-store', 'exchange'],
      "The apps' database access: it speaks the domain (exchange types included) and never reaches apps.",
    ),
    packageLayer(
      'runtime',
      ['core', 'schemas'],
      'Process infrastructure (redis launcher, logger) stays below every feature.',
    ),
    {
      name: 'sighook-not-to-webhook',
      comment:
        'The services deploy separately; sighook talks to webhook through the queue and Postgres only.',
      severity: 'error',
      from: { path: '^apps/sighook/' },
      to: { path: inApps(['webhook']) },
    },
    {
      name: 'webhook-not-to-sighook',
      comment: 'The services deploy separately; shared code belongs in packages/, not in the other app.',
      severity: 'error',
      from: { path: '^apps/webhook/' },
      to: { path: inApps(['sighook']) },
    },
    {
      name: 'services-not-to-cli',
      comment:
        'The CLI is the composition root that starts the services; a service importing it closes a loop.',
      severity: 'error',
      from: { path: '^apps/(webhook|sighook)/' },
      to: { path: inApps(['cli', 'backtester']) },
    },
    {
      name: 'dashboard-imports-nothing-of-ours',
      comment:
        'The dashboard is a browser app that talks to the webhook over HTTP only; server code must never be bundled into it.',
      severity: 'error',
      from: { path: '^apps/dashboard/' },
      to: { path: OURS, pathNot: '^apps/dashboard/' },
    },
    {
      name: 'only-cli-imports-bench',
      comment:
        'Benchmarks are a tool `pnpm hookline bench` runs; no package, service or test depends on them, so they never ship or steer production code.',
      severity: 'error',
      from: { pathNot: ['^apps/cli/', '^bench/'] },
      to: { path: BENCH },
    },
    {
      name: 'bench-imports-entry-points-only',
      comment:
        'A benchmark measures what a package or app publishes: it imports `@hookline/x`, never internals or a relative path into another package.',
      severity: 'error',
      from: { path: '^bench/' },
      to: {
        path: ['^@hookline/[^/]+/.+', '^(apps|packages)/'],
        pathNot: '^(apps|packages)/[^/]+/src/index\\.ts$',
      },
    },
    {
      name: 'bench-no-relative-import-into-packages',
      comment:
        'A relative path from bench into a package bypasses its package.json: the dependency is undeclared and invisible to pnpm.',
      severity: 'error',
      from: { path: '^bench/' },
      to: { dependencyTypes: ['local'], path: '^(apps|packages)/' },
    },
    {
      name: 'no-deep-import',
      comment:
        'Another workspace package is used through its name and entry point (`@hookline/x`), never its internals: internals change without notice.',
      severity: 'error',
      from: { path: '^(apps|packages)/([^/]+)/' },
      to: {
        // `@hookline/x/...` (unresolvable: exports only has "."), or a resolved file of another
        // workspace package (bench included) other than its entry point.
        path: ['^@hookline/[^/]+/.+', '^(apps|packages)/[^/]+/', '^bench/'],
        pathNot: ['^$1/$2/', '^(apps|packages)/[^/]+/src/index\\.ts$', '^bench/index\\.ts$'],
      },
    },
    {
      name: 'no-relative-import-across-packages',
      comment:
        'A relative path that climbs into another package bypasses its package.json: the dependency is undeclared and invisible to pnpm.',
      severity: 'error',
      from: { path: '^(apps|packages)/([^/]+)/' },
      to: { dependencyTypes: ['local'], path: ['^(apps|packages)/', '^bench/'], pathNot: '^$1/$2/' },
    },
  ],
  options: {
    // The generated Prisma client is not ours to judge; fixtures hold violations on purpose.
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^test/fixtures/', '/src/generated/'] },
    // Type-only imports couple modules just as much (and can form cycles), so they count.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Follow pnpm's workspace symlinks so `@hookline/core` lands on packages/core/src/index.ts,
    // where the path rules above can see which package it is.
    preserveSymlinks: false,
    enhancedResolveOptions: {
      // Our packages expose `exports: {".": "./src/index.ts"}`; dependency-cruiser ignores
      // `exports` unless told, and then could not resolve any workspace import.
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'node', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
