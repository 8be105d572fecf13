import type { EntityManager } from 'typeorm';
import { ServerMeta } from './entities';

const META_ROW = 1;

/** The current global change version (0 on a fresh database). */
export async function currentVersion(manager: EntityManager): Promise<number> {
  const row = await manager.findOneBy(ServerMeta, { id: META_ROW });
  return row?.version ?? 0;
}

/**
 * Advances the global change version by one inside the caller's transaction and returns it.
 * The UPDATE takes the row's write lock (PostgreSQL row lock, SQLite's database write lock), so
 * concurrent writers get versions in commit order.
 */
export async function bumpVersion(manager: EntityManager): Promise<number> {
  await manager
    .createQueryBuilder()
    .update(ServerMeta)
    .set({ version: () => 'version + 1' })
    .where('id = :id', { id: META_ROW })
    .execute();
  return currentVersion(manager);
}
