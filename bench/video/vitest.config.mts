import { defineConfig } from 'vitest/config';
import benchConfig from '../vitest.config.mts';

/**
 * `npm run bench:video` only: the shared bench config narrowed to the video benchmark (its entry is
 * not named `*.bench.ts`, so `npm run bench:sync` does not run it). Not mergeConfig: it would append to `include`.
 */
export default defineConfig({ ...benchConfig, test: { ...benchConfig.test, include: ['bench/video/videoBench.ts'] } });
