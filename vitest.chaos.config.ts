import { defineConfig } from 'vitest/config';

// The chaos suite (`pnpm test:chaos`): each scenario runs Hookline's webhook as its own process
// against a real PostgreSQL (through a TCP proxy the test cuts) and a real redis-server (which the
// test kills), so scenarios take a minute or two each. Three run side by side: most of a scenario is
// waiting through an outage or for the recovery, so the two cores are mostly idle.
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.chaos.ts'],
    globalSetup: ['test/global-setup.ts', 'test/chaos/support/chaos-global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 3,
  },
});
