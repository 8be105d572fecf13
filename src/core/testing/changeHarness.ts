import type { SessionInfo } from '../../shared/contract/ipc';
import type { UserDto } from '../../shared/domain/roles';
import { CacheStore } from '../cache/cacheStore';
import { allOutbox } from '../outbox/outbox';
import { ChangeService } from '../outbox/changeService';
import { IN_MEMORY } from '../cache/openCache';
import type { SessionService } from '../session/sessionService';
import type { RpcEventMessage } from '../../shared/contract/ipc';
import { applyPull } from './applyPull';
import { makeSession, snapshot, type ScopeRecords } from './fixtures';

/** A cache and a ChangeService for one signed-in user, without a server: for mutator and rebase tests. */
export interface ChangeHarness {
  cache: CacheStore;
  changes: ChangeService;
  user: UserDto;
  events: RpcEventMessage[];
  /** Replaces the cache's scope with `records` (a one-page snapshot rebase). */
  serverSays(records: ScopeRecords): Promise<void>;
  outbox(): Promise<Array<{ mutationId: number; name: string; args: unknown; recordId: string }>>;
  close(): Promise<void>;
}

export async function changeHarness(user: UserDto, options: { dataDir?: string; now?: () => number } = {}): Promise<ChangeHarness> {
  const cache = await CacheStore.open(options.dataDir ?? IN_MEMORY);
  const session: SessionInfo = makeSession({ user });
  await cache.signIn(session, 1);
  const events: RpcEventMessage[] = [];
  const stubSession = { current: async () => session } as unknown as SessionService;
  const changes = new ChangeService({
    cache,
    session: stubSession,
    emit: (event, payload) => events.push({ event, payload }),
    onQueued: () => undefined,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    cache,
    changes,
    user,
    events,
    async serverSays(records) {
      await applyPull(cache, snapshot(records), { actor: user });
    },
    async outbox() {
      const entries = await cache.read(allOutbox);
      return entries.map((e) => ({ mutationId: e.mutationId, name: e.name, args: JSON.parse(e.argsJson) as unknown, recordId: e.recordId }));
    },
    close: () => cache.close(),
  };
}
