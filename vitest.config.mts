import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  test: {
    // Playwright specs live in tests/e2e and must never be collected here.
    include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/lint/**/*.test.ts', 'tests/sim/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // CI prints every test by name, so the log shows which suites ran (e.g. "server on PostgreSQL").
    reporters: process.env.CI ? ['verbose'] : ['default'],
  },
});
