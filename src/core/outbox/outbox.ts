import { LessThanOrEqual, MoreThan, type EntityManager } from 'typeorm';
import type { Mutation, MutationName } from '../../shared/sync/mutations';
import { MetaKey, OutboxEntry } from '../cache/entities';
import { readCounter, writeMeta } from '../cache/meta';

/** The outbox table, inside the caller's transaction (always the one holding the optimistic effect). */

export interface MutationTarget {
  /**
   * The scope entity the outbox entry marks as pending (an import marks its participation info);
   * `videoInterview` is the server's record, not cached here, so its entry marks no list row.
   */
  entity: 'fair' | 'preApplication' | 'stand' | 'vacancy' | 'participation' | 'response' | 'videoInterview';
  id: string;
  /** How the user recognises the record in a rejection, e.g. "20301118-1 KazLogistics". */
  label: string;
}

/** Appends a mutation with the next id of this client (+1, never reused) and returns that id. */
export async function appendToOutbox(
  m: EntityManager,
  entry: { name: MutationName; args: unknown; createdAt: number; target: MutationTarget },
): Promise<number> {
  const mutationId = await readCounter(m, MetaKey.nextMutationId, 1);
  await m.insert(OutboxEntry, {
    mutationId,
    name: entry.name,
    argsJson: JSON.stringify(entry.args),
    createdAt: entry.createdAt,
    recordEntity: entry.target.entity,
    recordId: entry.target.id,
    recordLabel: entry.target.label,
  });
  await writeMeta(m, MetaKey.nextMutationId, String(mutationId + 1));
  return mutationId;
}

/** Up to `limit` entries with id > `afterId`, in id order. */
export function outboxAfter(m: EntityManager, afterId: number, limit: number): Promise<OutboxEntry[]> {
  return m.find(OutboxEntry, { where: { mutationId: MoreThan(afterId) }, order: { mutationId: 'ASC' }, take: limit });
}

export function allOutbox(m: EntityManager): Promise<OutboxEntry[]> {
  return m.find(OutboxEntry, { order: { mutationId: 'ASC' } });
}

/** Drops the entries the server has consumed (applied or rejected). */
export async function deleteConsumed(m: EntityManager, lastMutationId: number): Promise<void> {
  await m.delete(OutboxEntry, { mutationId: LessThanOrEqual(lastMutationId) });
  // The server has seen ids up to lastMutationId: never hand one of them out again.
  const next = await readCounter(m, MetaKey.nextMutationId, 1);
  if (next <= lastMutationId) await writeMeta(m, MetaKey.nextMutationId, String(lastMutationId + 1));
}

/** An outbox entry as pushed. */
export function toWire(entry: OutboxEntry): Mutation {
  return { id: entry.mutationId, name: entry.name as MutationName, args: JSON.parse(entry.argsJson) as unknown, createdAt: entry.createdAt };
}
