import type { EntityManager } from 'typeorm';
import type { PatchOp } from '../../../shared/api/http';
import type { AppNotification, Rejection } from '../../../shared/contract/ipc';
import type { MutationName, MutationResult } from '../../../shared/sync/mutations';
import { MetaKey, MUTABLE_ENTITIES, OutboxEntry, RejectionRow, scopeEntities, type ScopeEntityName } from '../../cache/entities';
import { rejectionFromRow, syncCounts } from '../../cache/localRecords';
import { readCounter, writeMeta } from '../../cache/meta';
import { applyOps, clearScopeTables, touchedEntities } from '../../cache/patch';
import { swapInStagingTables } from '../../cache/stagingTables';
import { replay } from '../../outbox/mutators';
import { allOutbox, deleteConsumed } from '../../outbox/outbox';
import { rollbackOptimisticRows } from '../../outbox/optimisticRows';
import { noticeAfterPull, watchBeforePull } from '../../notifications/notifications';
import type { StepContext } from './context';

/** Where the server state of a pull comes from. */
export type ServerState =
  /** An incremental patch on top of the cache. */
  | { kind: 'patch'; patch: readonly PatchOp[] }
  /** A one-page reset: the patch is the whole scope. */
  | { kind: 'reset'; patch: readonly PatchOp[] }
  /** A paged snapshot already written to the staging tables. */
  | { kind: 'staged' };

export interface PulledPosition {
  cookie: string;
  lastMutationId: number;
  results: readonly MutationResult[];
}

export interface RebaseOutcome {
  /** Rejections stored by this rebase (never one seen before): announce each once. */
  newRejections: Rejection[];
  /** Notifications stored by this rebase (see core/notifications): announce each once. */
  notifications: AppNotification[];
  entities: ScopeEntityName[];
  pending: number;
  rejections: number;
  lastSyncedAt: number;
}

/**
 * Rebase step, in ONE transaction: drop every optimistic effect, apply the server's state, store
 * the new rejections (deduplicated by mutation id), delete the outbox entries the server has
 * consumed (≤ lastMutationId), replay the remaining ones' optimistic effects on top, and move the
 * sync position. A crash at any point leaves the cache as it was before, outbox included.
 * @returns null when the run was superseded before writing.
 */
export async function rebase(ctx: StepContext, state: ServerState, pulled: PulledPosition): Promise<RebaseOutcome | null> {
  const syncedAt = ctx.now();
  return ctx.cache.write(async (m) => {
    if (!ctx.stillCurrent()) return null;
    const outboxBefore = await m.count(OutboxEntry);
    await rollbackOptimisticRows(m);
    const watched = await watchBeforePull(m, ctx.actor);
    let entities: ScopeEntityName[];
    if (state.kind === 'staged') {
      await swapInStagingTables(m);
      entities = Object.keys(scopeEntities) as ScopeEntityName[];
    } else {
      if (state.kind === 'reset') await clearScopeTables(m);
      await applyOps(m, state.patch);
      entities = state.kind === 'reset' ? (Object.keys(scopeEntities) as ScopeEntityName[]) : touchedEntities(state.patch);
    }

    // Server state before vs after (the outbox is not replayed yet): never the user's own change.
    const notifications = await noticeAfterPull(m, watched, syncedAt);
    const newRejections = await storeRejections(m, pulled.results);
    await deleteConsumed(m, pulled.lastMutationId);
    const remaining = await allOutbox(m);
    for (const entry of remaining) {
      const applied = await replay(m, entry.name as MutationName, JSON.parse(entry.argsJson) as unknown, {
        actor: ctx.actor,
        now: entry.createdAt,
      });
      if (!applied) ctx.logger.info({ mutationId: entry.mutationId, name: entry.name }, 'queued change no longer applies locally; awaiting the server');
    }
    if (outboxBefore > 0 || newRejections.length > 0) {
      entities = [...new Set<ScopeEntityName>([...entities, ...MUTABLE_ENTITIES])];
    }

    await writeMeta(m, MetaKey.pullCookie, pulled.cookie);
    await writeMeta(m, MetaKey.lastMutationId, String(pulled.lastMutationId));
    await writeMeta(m, MetaKey.lastSyncedAt, String(syncedAt));
    const resultsAfter = Math.max(await readCounter(m, MetaKey.resultsAfter, 0), ...pulled.results.map((r) => r.mutationId));
    await writeMeta(m, MetaKey.resultsAfter, String(resultsAfter));
    return { newRejections, notifications, entities, ...(await syncCounts(m)), lastSyncedAt: syncedAt };
  });
}

/** Stores rejections not seen before, labelled from their outbox entry (still present: deleted after). */
async function storeRejections(m: EntityManager, results: readonly MutationResult[]): Promise<Rejection[]> {
  const stored: Rejection[] = [];
  for (const result of results) {
    if (await m.existsBy(RejectionRow, { mutationId: result.mutationId })) continue;
    const entry = await m.findOneBy(OutboxEntry, { mutationId: result.mutationId });
    const row: RejectionRow = {
      mutationId: result.mutationId,
      mutationName: entry?.name ?? 'unknown',
      code: result.code,
      message: result.message,
      recordId: result.recordId ?? entry?.recordId ?? null,
      recordLabel: entry?.recordLabel ?? '',
      decidedAt: result.decidedAt,
      dismissedAt: null,
    };
    await m.insert(RejectionRow, row);
    stored.push(rejectionFromRow(row));
  }
  return stored;
}
