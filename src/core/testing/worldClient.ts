import type { UserDto } from '../../shared/domain/roles';
import type { PushRequest, PushResponse, SyncPullRequest, SyncPullResponse } from '../../shared/sync/protocol';
import { SyncPullRequest as PullSchema } from '../../shared/sync/protocol';
import type { ServerClient } from '../serverApi/serverClient';
import type { FakeSyncWorld } from './fakeSyncWorld';

/**
 * A ServerClient stand-in answering from a FakeSyncWorld in process, for driving sync steps
 * directly. `beforePull(n)` runs before the n-th pull (1-based) and may throw to cut the network.
 */
export function worldClient(world: FakeSyncWorld, user: UserDto, hooks: { beforePull?: (n: number) => void } = {}): ServerClient {
  let pulls = 0;
  const client = {
    async push(_token: string, request: PushRequest): Promise<PushResponse> {
      return world.push(user, request);
    },
    async pull(_token: string, request: SyncPullRequest): Promise<SyncPullResponse> {
      pulls += 1;
      hooks.beforePull?.(pulls);
      // Round-trip through JSON like the wire does.
      return JSON.parse(JSON.stringify(world.pull(user, PullSchema.parse(request)))) as SyncPullResponse;
    },
  };
  return client as unknown as ServerClient;
}
