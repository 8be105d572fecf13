import { defineConfig } from 'vitest/config';
import benchConfig from '../vitest.config.mts';

/**
 * `npm run bench:chat` only: the shared bench config (TypeScript, decorators, forks) narrowed to
 * the chat benchmark. Its entry is not named `*.bench.ts` so that `npm run bench:sync` (which runs
 * every `bench/**\/*.bench.ts`) does not run it too. (Not mergeConfig: it would append to `include`.)
 */
export default defineConfig({ ...benchConfig, test: { ...benchConfig.test, include: ['bench/chat/chatBench.ts'] } });
