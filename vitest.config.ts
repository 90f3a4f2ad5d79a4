import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Most of a test's time is waiting (timers, the scheduler, HTTP), and each file has a database
    // of its own on a server that runs one writer per database: four files at once keep two
    // cores busy without making anything wait on anything else.
    maxWorkers: 4,
    reporters: ['default'],
  },
});
