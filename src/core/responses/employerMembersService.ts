import { z } from 'zod';
import { EmployerMember, isEmployerRole } from '../../shared/domain/roles';
import type { CacheStore } from '../cache/cacheStore';
import { MetaKey } from '../cache/entities';
import { readMeta, writeMeta } from '../cache/meta';
import { RpcError } from '../rpc/handlerTable';
import type { ServerClient } from '../serverApi/serverClient';
import type { SessionService } from '../session/sessionService';

export interface EmployerMembersDeps {
  cache: CacheStore;
  session: SessionService;
  clientFor: (serverUrl: string) => ServerClient;
}

const StoredMembers = z.array(EmployerMember);

/**
 * `employer.members`: the employer's admins and cabinet managers (the interview plan's choice).
 * Online, fetched from the server and kept in the cache's meta table; when the server cannot be
 * reached, the kept copy (empty if never fetched). Moderators and signed-out callers get []. The
 * kept copy belongs to the cache's owner and is dropped with the rest when another user signs in.
 */
export class EmployerMembersService {
  constructor(private readonly deps: EmployerMembersDeps) {}

  async members(): Promise<EmployerMember[]> {
    const credentials = await this.deps.session.credentials();
    if (!credentials || !isEmployerRole(credentials.session.user.role)) return [];
    try {
      const { members } = await this.deps.clientFor(credentials.session.serverUrl).employerMembers(credentials.token);
      const owner = `${credentials.session.serverUrl}\n${credentials.session.user.id}`;
      await this.deps.cache.write(async (m) => {
        // Another user may have signed in while the answer travelled: keep it only for its owner.
        if ((await readMeta(m, MetaKey.cacheOwner)) === owner) await writeMeta(m, MetaKey.employerMembers, JSON.stringify(members));
      });
      return members;
    } catch (error) {
      if (!(error instanceof RpcError && error.code === 'server_unreachable')) throw error;
      return this.stored();
    }
  }

  private async stored(): Promise<EmployerMember[]> {
    const raw = await this.deps.cache.read((m) => readMeta(m, MetaKey.employerMembers));
    if (raw === null) return [];
    try {
      const parsed = StoredMembers.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }
}
