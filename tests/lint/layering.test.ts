import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Proves that the layering rules in eslint.config.mjs fire. Each case lints a one-line module as if
 * it lived at `filePath`; a broken rule (or a config that stops matching a folder) fails here.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const forbidden: Array<[string, string, string]> = [
  ['src/shared/domain/fixture.ts', "import x from 'node:fs';", 'Node built-in in shared'],
  ['src/shared/domain/fixture.ts', "import x from '../../core/rpc/serve';", 'shared → core'],
  ['src/shared/domain/fixture.ts', "import x from 'typeorm';", 'database library in shared'],
  ['src/core/cache/fixture.ts', "import x from 'electron';", 'electron in core'],
  ['src/core/cache/fixture.ts', "import x from 'vue';", 'vue in core'],
  ['src/core/cache/fixture.ts', "import x from '../../server/main';", 'core → server'],
  ['src/server/fixture.ts', "import x from '../core/rpc/serve';", 'server → core'],
  ['src/server/fixture.ts', "import x from 'electron';", 'electron in server'],
  ['src/renderer/src/fixture.ts', "import x from 'node:path';", 'Node built-in in renderer'],
  ['src/renderer/src/fixture.ts', "import x from 'fs';", 'bare Node built-in in renderer'],
  ['src/renderer/src/fixture.ts', "import x from '../../core/rpc/serve';", 'renderer → core'],
  ['src/renderer/src/fixture.ts', "import x from 'electron';", 'electron in renderer'],
  ['src/portal/fixture.ts', "import x from 'node:crypto';", 'Node built-in in portal'],
  ['src/portal/fixture.ts', "import x from '../renderer/src/api/client';", 'portal → renderer'],
  ['src/ui/fixture.ts', "import x from '../renderer/src/api/client';", 'ui → renderer'],
  ['src/ui/fixture.ts', "import x from '../portal/i18n';", 'ui → portal'],
  ['src/ui/fixture.ts', "import x from 'node:fs';", 'Node built-in in ui'],
  ['src/preload/fixture.ts', "import x from '../core/rpc/serve';", 'preload → core'],
  ['src/browser-host/fixture.ts', "import x from 'electron';", 'electron in browser-host'],
  ['src/main/fixture.ts', "import x from '../server/main';", 'main → server'],
];

const allowed: Array<[string, string, string]> = [
  ['src/core/cache/fixture.ts', "import x from '../../shared/api/http';", 'core → shared'],
  ['src/main/fixture.ts', "import x from 'electron';", 'electron in main'],
  ['src/main/fixture.ts', "import x from '../core/rpc/serve';", 'main → core'],
  ['src/preload/fixture.ts', "import x from 'electron';", 'electron in preload'],
  ['src/renderer/src/fixture.ts', "import x from '@shared/contract/ipc';", 'renderer → shared'],
  ['src/server/fixture.ts', "import x from 'node:http';", 'Node built-in in server'],
  ['src/browser-host/fixture.ts', "import x from '../core/rpc/serve';", 'browser-host → core'],
  ['src/portal/fixture.ts', "import x from '../ui/stand/StandShowcase.vue';", 'portal → ui'],
  ['src/renderer/src/fixture.ts', "import x from '../../ui/stand/StandShowcase.vue';", 'renderer → ui'],
  ['src/ui/fixture.ts', "import x from '../shared/domain/participation/stand';", 'ui → shared'],
];

describe('layering lint rules', () => {
  it.each(forbidden)('%s: %s is refused (%s)', async (filePath, code) => {
    expect(await layeringErrors(filePath, code)).toHaveLength(1);
  });
  it.each(allowed)('%s: %s is allowed (%s)', async (filePath, code) => {
    expect(await layeringErrors(filePath, code)).toEqual([]);
  });
});
