import type { UserDto } from '../../../shared/domain/roles';
import type { CacheStore } from '../../cache/cacheStore';
import type { CoreLogger } from '../../logger';
import type { ServerClient } from '../../serverApi/serverClient';

/** What every sync step needs: one signed-in run's server, credentials and cache. */
export interface StepContext {
  cache: CacheStore;
  server: ServerClient;
  token: string;
  clientId: string;
  /** The signed-in user: replayed optimistic effects are theirs. */
  actor: UserDto;
  logger: CoreLogger;
  now: () => number;
  /** False once the run is over (sign-out, another user): nothing may be written then. */
  stillCurrent: () => boolean;
}

/** Thrown by a step that found its run superseded; the sync service drops it silently. */
export class RunSuperseded extends Error {
  constructor() {
    super('sync run superseded');
    this.name = 'RunSuperseded';
  }
}
