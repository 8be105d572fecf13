import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Benchmarks (`npm run bench:sync`): run by Vitest for its TypeScript and decorator support, but
 * never part of `npm test` (the root config does not include bench/). They print figures; they
 * assert only that the work was done, never how fast.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
