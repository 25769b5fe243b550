import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Real ports, files and a real browser: keep it to the machine's two cores.
    maxWorkers: 2,
    reporters: ['default', './tools/vitest-summary-reporter.ts'],
  },
});
