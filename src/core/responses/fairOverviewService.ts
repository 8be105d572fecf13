import type { FairOverview } from '../../shared/domain/participation/records';
import type { CacheStore } from '../cache/cacheStore';
import { overviewFromCache } from '../cache/responseRecords';
import { RpcError } from '../rpc/handlerTable';
import type { ServerClient } from '../serverApi/serverClient';
import type { SessionService } from '../session/sessionService';

export interface FairOverviewDeps {
  cache: CacheStore;
  session: SessionService;
  clientFor: (serverUrl: string) => ServerClient;
}

/**
 * `fairs.overview`: online, the server counts (responses and interests included); offline or when
 * the server cannot be reached, what the cache knows, with response and interest counts null and
 * `countedAt` null. The server's refusals (not a moderator of the fair's centre) pass through.
 */
export class FairOverviewService {
  constructor(private readonly deps: FairOverviewDeps) {}

  async overview(fairId: string): Promise<FairOverview> {
    const credentials = await this.deps.session.credentials();
    if (!credentials) throw new RpcError('unauthenticated', 'Sign in to see the fair overview.');
    if (credentials.session.user.role !== 'moderator') {
      throw new RpcError('forbidden', 'Only moderators of the fair’s career centre see the fair overview.');
    }
    try {
      return await this.deps.clientFor(credentials.session.serverUrl).fairOverview(credentials.token, fairId);
    } catch (error) {
      if (!(error instanceof RpcError && error.code === 'server_unreachable')) throw error;
      return this.deps.cache.read((m) => overviewFromCache(m, fairId));
    }
  }
}
