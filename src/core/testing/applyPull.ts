import type { SyncPullResponse } from '../../shared/sync/protocol';
import type { UserDto } from '../../shared/domain/roles';
import type { CacheStore } from '../cache/cacheStore';
import { silentLogger } from '../logger';
import type { ServerClient } from '../serverApi/serverClient';
import type { StepContext } from '../sync/steps/context';
import { rebase, type RebaseOutcome } from '../sync/steps/rebase';
import { makeUser } from './fixtures';

/** A step context for driving sync steps directly against a cache (no server unless given). */
export function stepContext(cache: CacheStore, overrides: Partial<StepContext> = {}): StepContext {
  return {
    cache,
    server: null as unknown as ServerClient,
    token: 'test-token',
    clientId: '00000000-0000-4000-8000-00000000c11e',
    actor: makeUser(),
    logger: silentLogger,
    now: Date.now,
    stillCurrent: () => true,
    ...overrides,
  };
}

/** Rebases `cache` onto a one-page pull answer, as the sync service would. */
export function applyPull(
  cache: CacheStore,
  response: SyncPullResponse,
  options: { syncedAt?: number; actor?: UserDto; stillCurrent?: () => boolean } = {},
): Promise<RebaseOutcome | null> {
  const ctx = stepContext(cache, {
    now: () => options.syncedAt ?? Date.now(),
    ...(options.actor ? { actor: options.actor } : {}),
    ...(options.stillCurrent ? { stillCurrent: options.stillCurrent } : {}),
  });
  return rebase(ctx, { kind: response.reset ? 'reset' : 'patch', patch: response.patch }, response);
}
