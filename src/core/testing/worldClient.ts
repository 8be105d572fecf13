import type { UserDto } from '../../shared/domain/roles';
import type { PushRequest, PushResponse, SyncPullRequest, SyncPullResponse } from '../../shared/sync/protocol';
import { SyncPullRequest as PullSchema } from '../../shared/sync/protocol';
import type { UploadResponse } from '../../shared/api/http';
import type { UploadKind } from '../../shared/domain/uploads';
import { RpcError } from '../rpc/handlerTable';
import type { DownloadedUpload, ServerClient } from '../serverApi/serverClient';
import { FakeSyncError, type FakeSyncWorld } from './fakeSyncWorld';

/**
 * A ServerClient stand-in answering from a FakeSyncWorld in process, for driving sync steps
 * directly. `beforePull(n)` runs before the n-th pull (1-based) and may throw to cut the network.
 */
export function worldClient(
  world: FakeSyncWorld,
  user: UserDto,
  hooks: { beforePull?: (n: number) => void; beforeUpload?: (id: string) => void } = {},
): ServerClient {
  let pulls = 0;
  const asRpc = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (error instanceof FakeSyncError) throw new RpcError(error.code, error.message);
      throw error;
    }
  };
  const client = {
    async putUpload(_token: string, upload: { kind: UploadKind; id: string; bytes: Uint8Array; mime: string; fileName: string }): Promise<UploadResponse> {
      hooks.beforeUpload?.(upload.id);
      return asRpc(() => world.putUpload(user, upload.kind, upload.id, Buffer.from(upload.bytes), upload.mime, upload.fileName));
    },
    async getUpload(_token: string, id: string): Promise<DownloadedUpload> {
      const stored = world.uploads.get(id);
      if (!stored) throw new RpcError('not_found', 'There is no such file, or it is not yours to see.');
      return { bytes: Buffer.from(stored.bytes), mime: stored.mime, fileName: stored.fileName };
    },
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
