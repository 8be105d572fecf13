import type { EntityManager } from 'typeorm';
import { DeletedRow, type SyncEntity } from '../db/entities';
import type { WriteContext } from '../db/transactions';

/**
 * Records that a cached row was deleted, with the scope it had, at the transaction's version;
 * pulls send a `del` to the clients whose scope held it. Call in the same transaction as the delete.
 */
export async function recordDeletion(
  ctx: Pick<WriteContext, 'manager' | 'version'>,
  entity: SyncEntity,
  id: string,
  scope: { centreId: string | null; employerId: string | null },
): Promise<void> {
  const manager: EntityManager = ctx.manager;
  await manager.upsert(
    DeletedRow,
    { entity, id, version: ctx.version, centreId: scope.centreId, employerId: scope.employerId },
    ['entity', 'id'],
  );
}
