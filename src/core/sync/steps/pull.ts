import { SCHEMA_VERSION } from '../../../shared/api/http';
import type { SyncPullResponse } from '../../../shared/sync/protocol';
import { MetaKey } from '../../cache/entities';
import { readCounter, readMeta } from '../../cache/meta';
import type { StepContext } from './context';
import { rebase, type RebaseOutcome } from './rebase';
import { stageSnapshot } from './snapshot';

/**
 * Pull step: asks for what changed since the stored cookie (with this client's rejections after
 * `resultsAfter`) and rebases onto it. A `reset` answer — first sync, or a scope change at the
 * server — replaces the scope: one page directly inside the rebase, several through the staging
 * tables. @returns null when the run was superseded.
 */
export async function pullAndRebase(ctx: StepContext): Promise<RebaseOutcome | null> {
  const { cookie, resultsAfter } = await ctx.cache.read(async (m) => ({
    cookie: await readMeta(m, MetaKey.pullCookie),
    resultsAfter: await readCounter(m, MetaKey.resultsAfter, 0),
  }));
  const request = (cookieToSend: string | null, snapshotCursor: string | null): Promise<SyncPullResponse> =>
    ctx.server.pull(ctx.token, {
      clientId: ctx.clientId,
      schemaVersion: SCHEMA_VERSION,
      cookie: cookieToSend,
      snapshotCursor,
      resultsAfter,
    });

  const first = await request(cookie, null);
  if (!first.reset) return rebase(ctx, { kind: 'patch', patch: first.patch }, first);
  if (!first.more) return rebase(ctx, { kind: 'reset', patch: first.patch }, first);
  const position = await stageSnapshot(ctx, first, (cursor) => request(null, cursor));
  return rebase(ctx, { kind: 'staged' }, position);
}
