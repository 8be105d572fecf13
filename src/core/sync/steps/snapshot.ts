import type { MutationResult } from '../../../shared/sync/mutations';
import type { SyncPullResponse } from '../../../shared/sync/protocol';
import { applyOps } from '../../cache/patch';
import { createStagingTables, stagingTableNames } from '../../cache/stagingTables';
import { RunSuperseded, type StepContext } from './context';
import type { PulledPosition } from './rebase';

/**
 * Initial-snapshot step for a paged reset: writes the first page and every following one
 * (`more` / `snapshotCursor`) into the staging tables, each page in its own short transaction,
 * fetching the next page while writing one (so at most two pages are in memory). The live cache
 * is untouched until the rebase swaps the staging tables in; a crash or a lost connection mid-way
 * leaves the old cache (the next sync starts over).
 * @returns the position to rebase on: the last page's cookie, the lowest lastMutationId seen
 * (the snapshot's, never one whose effects it may lack) and every page's results.
 */
export async function stageSnapshot(
  ctx: StepContext,
  first: SyncPullResponse,
  nextPage: (snapshotCursor: string) => Promise<SyncPullResponse>,
): Promise<PulledPosition> {
  const results = new Map<number, MutationResult>();
  let lastMutationId = first.lastMutationId;
  let page = first;
  let pages = 0;
  await ctx.cache.write(async (m) => {
    if (!ctx.stillCurrent()) throw new RunSuperseded();
    await createStagingTables(m);
  });
  for (;;) {
    const current = page;
    if (current.more && current.snapshotCursor === null) throw new Error('the server said a snapshot has more pages but gave no cursor');
    // Page n+1 is fetched (server query, transfer, parse) while page n is written: the two overlap
    // instead of adding up, and at most two pages are alive at once.
    const following = current.more && current.snapshotCursor !== null ? nextPage(current.snapshotCursor) : null;
    // Awaited below; until then a failure must not surface as an unhandled rejection (e.g. when the write throws first).
    following?.catch(() => undefined);
    await ctx.cache.write(async (m) => {
      if (!ctx.stillCurrent()) throw new RunSuperseded();
      await applyOps(m, current.patch, stagingTableNames(m));
    });
    pages += 1;
    for (const result of current.results) results.set(result.mutationId, result);
    lastMutationId = Math.min(lastMutationId, current.lastMutationId);
    if (following === null) break;
    page = await following;
  }
  ctx.logger.debug({ pages }, 'snapshot staged');
  return { cookie: page.cookie, lastMutationId, results: [...results.values()] };
}
