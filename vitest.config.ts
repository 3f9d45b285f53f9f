import { configDefaults, defineConfig } from 'vitest/config';

// What every project of the run shares (an inline project inherits nothing of the root config).
const common = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' } as const;

export default defineConfig({
  test: {
    // Once per run, for both projects (they read its servers through inject()).
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // vitest's default on a 2-core machine is one worker, which ran the files one after another.
    // Many files mostly wait on processes they start and on PostgreSQL, so two share the cores well.
    maxWorkers: 2,
    // vitest queues the projects by name: `cli` (long files, each waiting on child processes) first,
    // then the many short `shared` files, which fill both workers to the end.
    projects: [
      {
        test: {
          ...common,
          name: 'cli',
          // The CLI as child processes (signals to process groups, fault fixtures, in-process venue and
          // notify servers around them): a fresh fork per file, so nothing a file leaves running in the
          // test process reaches the next. They import little; their time is the children's.
          include: ['apps/cli/test/**/*.test.ts'],
        },
      },
      {
        test: {
          ...common,
          name: 'shared',
          include: [
            'apps/*/test/**/*.test.ts',
            'bench/test/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, 'apps/cli/test/**'],
          // One fork per worker runs file after file and keeps the modules it loaded: a file's import
          // (ccxt, Prisma, fastify… about 1.5 s a file in a fresh fork) is paid once per worker, not
          // once per file. The tests keep no state in modules or globals (no vi.mock, no env writes);
          // each file opens and closes its own databases, servers and clients.
          isolate: false,
        },
      },
    ],
  },
});
