import { expect } from 'vitest';
import type { SessionInfo, SyncStatus } from '../../../src/shared/contract/ipc';
import { DEMO_PASSWORD } from '../../../src/server/seed/demoAccounts';
import { startCore, type CoreUnderTest } from '../../../src/core/testing/coreHarness';

/**
 * A real desktop core (plain Node, its own cache) signed in to `serverUrl` as the demo user
 * `email`, with quick sync retries, once its first sync has settled. Pushed onto `cores` so the
 * suite can close it.
 */
export async function signedInCore(
  cores: CoreUnderTest[],
  serverUrl: string,
  email: string,
  options: { serverTimeoutMs?: number } = {},
): Promise<{ core: CoreUnderTest; session: SessionInfo }> {
  const core = await startCore({ syncBackoff: { initialMs: 50, maxMs: 400 }, serverTimeoutMs: options.serverTimeoutMs ?? 5_000 });
  cores.push(core);
  const session = await core.call<SessionInfo>('session.login', { serverUrl, email, password: DEMO_PASSWORD });
  await expect.poll(async () => (await core.call<SyncStatus>('sync.status')).state, { timeout: 15_000 }).toBe('idle');
  return { core, session };
}

/** Syncs until the core is idle with nothing left to push; answers that status. */
export async function syncDrained(core: CoreUnderTest): Promise<SyncStatus> {
  let status: SyncStatus | null = null;
  await expect
    .poll(
      async () => {
        status = await core.call<SyncStatus>('sync.now');
        return status.state === 'idle' && status.pending === 0;
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBe(true);
  return status as unknown as SyncStatus;
}
