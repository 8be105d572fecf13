import { test as base } from '@playwright/test';
import { startServer, type RunningServer } from '../../integration/support/serverProcess';
import { startBrowserHost, type RunningBrowserHost } from './browserHostProcess';

/** The demo accounts seeded by the server (src/server/seed/demoAccounts.ts). */
export { DEMO_PASSWORD } from '../../../src/server/seed/demoAccounts';

interface StackFixtures {
  /** A real sync server process with the demo world seeded into a fresh SQLite file. */
  server: RunningServer;
  /** A real browser host process (the desktop core) pointed at `server`. */
  desktop: RunningBrowserHost;
}

export const test = base.extend<object, StackFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this destructuring; there are none
    async ({}, use) => {
      const server = await startServer({ seed: true });
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  desktop: [
    async ({ server }, use) => {
      const host = await startBrowserHost(server.url);
      await use(host);
      await host.stop();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
